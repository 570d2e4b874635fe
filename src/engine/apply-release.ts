import { KccError } from '../core/errors.js';
import type { KubeObject } from '../core/kube-object.js';
import { currentHolder, formatHolder, lastDeployed, latest, ReleaseLock, revisionsBeyondMax, type ReleaseRecord } from '../release/index.js';
import { APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_NAMESPACES_ANNOTATION, applySetParent, applySetParentName, parseList } from './apply-set.js';
import { applyChanges } from './apply-changes.js';
import { listMembers } from './live-objects.js';
import { countChanges, hasChanges, planChanges, type ApplyPlan } from './plan.js';
import { prepareObjects } from './prepare-objects.js';
import { deleteObjects } from './prune-objects.js';
import type { EngineEvent } from './engine-events.js';
import { needsWaiting } from './readiness-rules.js';
import { ensureNamespace, type ReleaseContext } from './release-context.js';
import { scrubSecretValues } from './mask-secrets.js';
import { serverSideApply } from './server-side-apply.js';
import { formatWaitFailures, waitForReady, type WaitFailure } from './wait-for-ready.js';

export interface ApplyReleaseOptions {
  objects: KubeObject[];
  env?: string;
  values?: unknown;
  source?: ReleaseRecord['source'];
  /** Server-side dry run: nothing is written, no revision recorded. */
  dryRun?: boolean;
  /** Wait for readiness. @default true */
  wait?: boolean;
  /** @default 300000 (5 minutes) */
  timeoutMs?: number;
  /** On a failed wait, roll back to the last deployed revision. */
  atomic?: boolean;
  forceConflicts?: boolean;
  forceReplace?: boolean;
  /** Send every object, not only those whose manifest changed: repairs edits made outside kcc. */
  resync?: boolean;
  /** Revisions kept; the last deployed one always stays. @default 10 */
  historyMax?: number;
  parallelism?: number;
  /** Stops between requests (Ctrl-C): the revision is recorded as failed and the lock freed. */
  signal?: AbortSignal;
}

export interface ApplyReleaseResult {
  /** The revision recorded, or the current one when nothing changed. */
  revision?: number;
  changed: boolean;
  plan: ApplyPlan;
  record?: ReleaseRecord;
}

/** A rollout that did not become ready; carries the per-object report. */
export class RolloutFailedError extends KccError {
  constructor(message: string, readonly failures: WaitFailure[], options: { hint?: string } = {}) {
    super(message, { exitCode: 2, hint: options.hint });
  }
}

interface RevisionIntent {
  description: string;
  rollbackOf?: number;
  /** Record a revision even when nothing changed (rollbacks, re-applies after a failure). */
  alwaysRecord?: boolean;
}

/**
 * `kcc apply` as a library call: lock the release, resolve an interrupted apply, plan against the
 * live objects, write what changed (server-side apply), wait until it is ready, prune what left
 * the configuration, and record the revision. Every step reports through `context.onEvent`.
 */
export async function applyRelease(context: ReleaseContext, options: ApplyReleaseOptions): Promise<ApplyReleaseResult> {
  emit(context, 'connect', `release ${context.release} in namespace ${context.namespace} on ${context.client.server}`);
  if (options.dryRun) return applyLocked(context, options, { description: 'dry run' }, []);
  return withReleaseLock(context, async (records) => {
    const previous = latest(records);
    return applyLocked(context, options, { description: previous ? 'upgrade' : 'install', alwaysRecord: previous !== undefined && previous.status !== 'deployed' }, records);
  });
}

/**
 * Runs `work` holding the release lock, after resolving a revision that a killed process left
 * pending (it is marked failed, with a message; the live objects are the truth the next plan
 * starts from, so nothing else needs repairing).
 */
export async function withReleaseLock<T>(context: ReleaseContext, work: (records: ReleaseRecord[]) => Promise<T>): Promise<T> {
  await ensureNamespace(context.client, context.namespace, context.applySetId);
  const lock = new ReleaseLock(context.client, context.namespace, context.release);
  const takeover = await lock.acquire();
  if (takeover) message(context, 'warning', `took over the lock of ${formatHolder(takeover.previous)} held since ${takeover.since} (${takeover.why})`);
  try {
    const records = await context.store.list(context.release);
    const last = latest(records);
    if (last?.status === 'pending') {
      last.status = 'failed';
      last.finishedAt = new Date().toISOString();
      last.updatedAt = last.finishedAt;
      last.failure = { message: `interrupted: the apply by ${last.by} started ${last.startedAt} never finished`, objects: last.applied };
      last.description = `${last.description} (interrupted)`;
      await context.store.update(last);
      message(context, 'warning', `revision ${last.revision} was left pending by an interrupted apply (${last.by}, started ${last.startedAt}); marked failed, continuing from the live state`);
    }
    return await work(records);
  } finally {
    await lock.release();
  }
}

/** The apply pipeline, with the lock held by the caller. */
export async function applyLocked(context: ReleaseContext, options: ApplyReleaseOptions, intent: RevisionIntent, records: ReleaseRecord[]): Promise<ApplyReleaseResult> {
  const { client, paths } = context;
  emit(context, 'plan', 'comparing with the live objects');
  const prepared = await prepareObjects(options.objects, { namespace: context.namespace, applySetId: context.applySetId, paths });
  const parentPath = `/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`;
  const parent = await client.get(parentPath, { accept: [404] });
  const recordedKinds = parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION]);
  const apiVersions = new Map(prepared.map((p) => [p.groupKind, p.object.apiVersion]));
  const recordedNamespaces = parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_NAMESPACES_ANNOTATION]);
  const namespaces = [context.namespace, ...recordedNamespaces, ...prepared.map((p) => p.object.metadata.namespace ?? '')];
  const objectsIn = new Map<string, string[]>();
  for (const p of prepared) if (p.object.metadata.namespace) objectsIn.set(p.object.metadata.namespace, [...(objectsIn.get(p.object.metadata.namespace) ?? []), p.id]);
  const live = await listMembers(client, paths, [...recordedKinds, ...apiVersions.keys()], context.applySetId, apiVersions, namespaces, objectsIn);
  const plan = planChanges(prepared, live, { forceReplace: options.forceReplace, resync: options.resync });
  // The release namespace holds the history and the lock: never prune it with the objects.
  plan.prunes = plan.prunes.filter((o) => !(o.kind === 'Namespace' && o.metadata.name === context.namespace));
  const counts = countChanges(plan);
  emit(context, 'plan', `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.prune} to prune, ${counts.unchanged} unchanged`);
  for (const change of plan.changes) if (change.action === 'unchanged') context.onEvent?.({ type: 'object', object: change.desired.id, state: 'unchanged' });

  const current = latest(records);
  if (!hasChanges(plan) && !intent.alwaysRecord && (options.dryRun || current?.status === 'deployed')) {
    message(context, 'info', options.dryRun ? 'dry run: no changes' : `no changes; revision ${current?.revision} stays deployed`);
    return { revision: current?.revision, changed: false, plan };
  }
  if (options.dryRun) {
    emit(context, 'apply', 'server-side dry run');
    await applyChanges(client, paths, plan.changes, { dryRun: true, forceConflicts: options.forceConflicts, parallelism: options.parallelism, onEvent: context.onEvent });
    await deleteObjects(client, paths, plan.prunes, { applySetId: context.applySetId, dryRun: true, state: 'pruned', onEvent: context.onEvent });
    return { changed: true, plan };
  }

  const now = new Date().toISOString();
  const record: ReleaseRecord = {
    release: context.release,
    namespace: context.namespace,
    revision: (current?.revision ?? 0) + 1,
    status: 'pending',
    description: intent.description,
    env: options.env,
    values: options.values,
    source: options.source ?? { digest: '' },
    manifests: options.objects,
    applied: [],
    pruned: [],
    rollbackOf: intent.rollbackOf,
    by: byWhom(),
    startedAt: now,
    updatedAt: now,
  };
  await context.store.create(record);
  emit(context, 'record', `revision ${record.revision} pending`);
  try {
    // The parent lists old and new kinds until pruning is done, so an interrupted apply can still find every member.
    await applyParent(context, [...new Set([...recordedKinds, ...plan.groupKinds])], [...recordedNamespaces, ...plan.namespaces]);
    emit(context, 'apply', `server-side apply (field manager kcc)`);
    await applyChanges(client, paths, plan.changes, {
      forceConflicts: options.forceConflicts,
      parallelism: options.parallelism,
      signal: options.signal,
      onEvent: context.onEvent,
      onApplied: (change) => record.applied.push(change.desired.id),
    });
    if (options.wait !== false) {
      const targets = prepared.map((p) => p.object).filter((o) => needsWaiting(o.kind));
      if (targets.length) {
        emit(context, 'wait', `waiting for ${targets.length} object${targets.length === 1 ? '' : 's'} to be ready`);
        const result = await waitForReady(client, paths, targets, { timeoutMs: options.timeoutMs ?? 300_000, applySetId: context.applySetId, onEvent: context.onEvent, signal: options.signal });
        if (!result.ok) {
          const lines = formatWaitFailures(result.failures);
          throw new RolloutFailedError(`${options.signal?.aborted ? 'interrupted while waiting for' : result.timedOut ? 'timed out waiting for' : 'rollout failed for'} ${result.failures.map((f) => f.object).join(', ')}:\n  ${lines.join('\n  ')}`, result.failures, {
            hint: 'fix the cause and apply again; kcc rollback returns to the last deployed revision',
          });
        }
      }
    }
    throwIfInterrupted(options.signal);
    if (plan.prunes.length) {
      emit(context, 'prune', `deleting ${plan.prunes.length} object${plan.prunes.length === 1 ? '' : 's'} that left the configuration`);
      await deleteObjects(client, paths, plan.prunes, { applySetId: context.applySetId, state: 'pruned', onEvent: context.onEvent, onDeleted: (id) => record.pruned.push(id) });
    }
    await applyParent(context, plan.groupKinds, plan.namespaces);
    record.status = 'deployed';
    record.finishedAt = new Date().toISOString();
    record.updatedAt = record.finishedAt;
    await context.store.update(record);
    await supersedeAndTrim(context, records, record, options.historyMax ?? 10);
    emit(context, 'record', `revision ${record.revision} deployed`);
    return { revision: record.revision, changed: true, plan, record };
  } catch (error) {
    const failureMessage = scrubSecretValues((error as Error).message, options.objects);
    record.status = 'failed';
    record.finishedAt = new Date().toISOString();
    record.updatedAt = record.finishedAt;
    record.failure = { message: failureMessage, objects: [...record.applied], details: error instanceof RolloutFailedError ? formatWaitFailures(error.failures) : undefined };
    await context.store.update(record).catch(() => undefined);
    emit(context, 'record', `revision ${record.revision} failed`);
    if (options.atomic && error instanceof RolloutFailedError) {
      throw await rollBackAfterFailure(context, options, record, [...records, record], error);
    }
    if (error instanceof KccError && !(error instanceof RolloutFailedError)) {
      throw new KccError(`${scrubSecretValues(error.message, options.objects)}\n  revision ${record.revision} recorded as failed; applied before the failure: ${record.applied.length ? record.applied.join(', ') : 'nothing'}`, { hint: error.hint, exitCode: error.exitCode });
    }
    throw error;
  }
}

/** --atomic: return to the last deployed revision (or remove everything on a failed first install). */
async function rollBackAfterFailure(context: ReleaseContext, options: ApplyReleaseOptions, failed: ReleaseRecord, records: ReleaseRecord[], error: RolloutFailedError): Promise<Error> {
  const target = lastDeployed(records);
  emit(context, 'rollback', target ? `--atomic: rolling back to revision ${target.revision}` : '--atomic: removing the failed first install');
  const intent = { description: target ? `rollback to ${target.revision} (atomic, after revision ${failed.revision} failed)` : `uninstall (atomic, after revision ${failed.revision} failed)`, rollbackOf: target?.revision, alwaysRecord: true };
  try {
    const result = await applyLocked(context, { ...options, objects: target?.manifests ?? [], atomic: false, forceReplace: true, env: target?.env ?? options.env, values: target?.values, source: target?.source ?? options.source }, intent, records);
    const outcome = target ? `rolled back to revision ${target.revision} as revision ${result.revision}` : `removed what the first install created (revision ${result.revision})`;
    return new RolloutFailedError(`${error.message}\n  --atomic: revision ${failed.revision} failed; ${outcome}`, error.failures);
  } catch (rollbackError) {
    return new KccError(`${error.message}\n  --atomic: the rollback failed too: ${(rollbackError as Error).message}`, { exitCode: 2, hint: 'run kcc rollback once the cause is fixed' });
  }
}

async function applyParent(context: ReleaseContext, groupKinds: string[], namespaces: string[]): Promise<void> {
  const parent = applySetParent(context.release, context.namespace, groupKinds, namespaces) as KubeObject;
  await serverSideApply(context.client, context.paths, parent, `Secret/${context.namespace}/${parent.metadata.name}`, { force: true });
}

async function supersedeAndTrim(context: ReleaseContext, records: ReleaseRecord[], deployed: ReleaseRecord, historyMax: number): Promise<void> {
  for (const r of records) {
    if (r.status !== 'deployed' || r.revision === deployed.revision) continue;
    r.status = 'superseded';
    r.updatedAt = new Date().toISOString();
    await context.store.update(r);
  }
  const all = [...records.filter((r) => r.revision !== deployed.revision), deployed].sort((a, b) => a.revision - b.revision);
  for (const old of revisionsBeyondMax(all, historyMax)) await context.store.delete(old.release, old.revision);
}

function byWhom(): string {
  return formatHolder(currentHolder());
}

function emit(context: ReleaseContext, phase: PhaseName, text: string): void {
  context.onEvent?.({ type: 'phase', phase, message: text });
}

function message(context: ReleaseContext, level: 'info' | 'warning', text: string): void {
  context.onEvent?.({ type: 'message', level, message: text });
}


type PhaseName = Extract<EngineEvent, { type: 'phase' }>['phase'];

/** Raised when the caller aborts (Ctrl-C); the pipeline records the revision as failed on its way out. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new KccError('interrupted before the apply finished', { exitCode: 130, hint: 'apply again to finish, or kcc rollback' });
}
