import { isKccError, KccError } from '../core/errors.js';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { currentHolder, formatHolder, lastDeployed, latest, LockLostError, ReleaseLock, revisionsBeyondMax, type HookRunRecord, type ReleaseRecord } from '../release/index.js';
import { applySetParent } from './apply-set.js';
import { applyChanges } from './apply-changes.js';
import { ApiError } from './kube-client.js';
import { letGo } from './ownership.js';
import { countChanges, hasChanges, type ApplyPlan, type PlannedChange } from './plan.js';
import { planRelease } from './plan-release.js';
import type { HookPhase } from '../core/hook-annotations.js';
import { hooksChanged, hooksOfPhase, OPERATION_PHASES, splitHooks, type ReleaseOperation } from './hooks.js';
import { preflightHooks } from './hook-preflight.js';
import { prepareHook, runHooks, type PreparedHook } from './run-hooks.js';
import { assertPreflightPassed, preflight, PreflightError, type PreflightOptions, type PreflightReport } from './preflight.js';
import { deleteObjects } from './prune-objects.js';
import type { EngineEvent } from './engine-events.js';
import { needsWaiting } from './readiness-rules.js';
import { createNamespace, ensureReleaseNamespace, type ReleaseContext } from './release-context.js';
import { scrubSecretValues } from './mask-secrets.js';
import { serverSideApply } from './server-side-apply.js';
import { formatWaitFailures, waitForReady, type WaitFailure } from './wait-for-ready.js';

export interface ApplyReleaseOptions extends Omit<PreflightOptions, 'forceConflicts' | 'forceReplace'> {
  objects: KubeObject[];
  env?: string;
  values?: unknown;
  source?: ReleaseRecord['source'];
  /** Create the release namespace when missing (an environment in kcc.yaml names it). */
  createReleaseNamespace?: boolean;
  /** Plan and preflight only (server-side dry runs): nothing is written, no lock, no revision. */
  dryRun?: boolean;
  /** Wait for readiness. @default true */
  wait?: boolean;
  /** @default 300000 (5 minutes) */
  timeoutMs?: number;
  /** On any failure after the first write (write, wait, prune), roll back to the last deployed revision. */
  atomic?: boolean;
  forceConflicts?: boolean;
  forceReplace?: boolean;
  /** Dry-run every object, not only changed or drifted ones, and write those the cluster differs on. */
  resync?: boolean;
  /** Revisions kept; the last deployed one always stays. @default 10 */
  historyMax?: number;
  parallelism?: number;
  /** Stops between requests (Ctrl-C): the revision is recorded as failed and the lock freed. */
  signal?: AbortSignal;
  /** Run the hooks (objects annotated `helm.sh/hook`); without, they are left out entirely, as Helm's --no-hooks. @default true */
  hooks?: boolean;
}

/** A hook an apply runs (or, in a dry run, would run). */
export interface HookStep {
  object: string;
  phase: HookPhase;
  weight: number;
}

export interface ApplyReleaseResult {
  /** The revision recorded, or the current one when nothing changed. */
  revision?: number;
  changed: boolean;
  plan: ApplyPlan;
  preflight?: PreflightReport;
  record?: ReleaseRecord;
  /** The hooks run, in order (planned ones for a dry run). */
  hooks?: HookStep[];
}

/** A rollout that did not become ready; carries the per-object report. */
export class RolloutFailedError extends KccError {
  constructor(message: string, readonly failures: WaitFailure[], options: { hint?: string } = {}) {
    super(message, { exitCode: 2, hint: options.hint });
  }
}

interface RevisionIntent {
  description: string;
  /** Which hooks run: install, upgrade or rollback ones. @default 'upgrade' */
  operation?: Exclude<ReleaseOperation, 'delete'>;
  rollbackOf?: number;
  /** Record a revision even when nothing changed (rollbacks, re-applies after a failure). */
  alwaysRecord?: boolean;
}

/** Before each write: throws when the release lock is no longer this process's. */
export type WriteGuard = () => Promise<void>;

/**
 * `kcc apply` as a library call: lock the release, resolve an interrupted apply, plan against the
 * live objects, preflight every write (nothing is written if any would fail), write what changed
 * or drifted (server-side apply), wait until it is ready, prune what left the configuration, and
 * record the revision. Every step reports through `context.onEvent`.
 */
export async function applyRelease(context: ReleaseContext, options: ApplyReleaseOptions): Promise<ApplyReleaseResult> {
  emit(context, 'connect', `release ${context.release} in namespace ${context.namespace} on ${context.client.server}`);
  if (options.dryRun) {
    // Read-only: the history says whether this would be an install or an upgrade (which hooks would run).
    const records = await context.store.list(context.release).catch(() => [] as ReleaseRecord[]);
    return applyLocked(context, options, { description: 'dry run', operation: operationFor(records) }, records, async () => undefined);
  }
  const declared = options.objects.some((o) => o.kind === 'Namespace' && o.metadata?.name === context.namespace);
  // A first install checks everything before it creates the namespace its lock and records need,
  // so a refused first apply leaves nothing behind. Under the lock the check runs again for real.
  const beforeCreate = async () => assertPreflightPassed((await planAndCheck(context, options, 'install')).checked);
  const created = await ensureReleaseNamespace(context.client, context.namespace, { declared, create: options.createNamespace || options.createReleaseNamespace, applySetId: context.applySetId, release: context.release, beforeCreate });
  try {
    return await withReleaseLock(context, async (records, guard) => {
      const previous = latest(records);
      const operation = operationFor(records);
      const intent = { description: previous ? operation : 'install', operation, alwaysRecord: previous !== undefined && previous.status !== 'deployed' };
      return applyLocked(context, options, intent, records, guard, created && !declared ? [context.namespace] : []);
    });
  } catch (error) {
    // Refused on the second check (objects the first could not dry-run): the namespace made for the lock goes too.
    if (created && error instanceof PreflightError) await context.client.request('DELETE', `/api/v1/namespaces/${encodeURIComponent(context.namespace)}`, undefined, { accept: [404, 409] }).catch(() => undefined);
    throw error;
  }
}

/**
 * An install runs install hooks; once a revision with objects was deployed, applies are upgrades.
 * (A release whose only revisions failed, or that --atomic emptied, installs again.)
 */
export function operationFor(records: ReleaseRecord[]): 'install' | 'upgrade' {
  return lastDeployed(records)?.manifests.length ? 'upgrade' : 'install';
}

/**
 * Plan against the live objects and preflight it, hooks of this operation included; reads only
 * (dry runs). Hooks are split off first: they are not members, so they are neither planned nor pruned.
 */
export async function planAndCheck(context: ReleaseContext, options: ApplyReleaseOptions, operation: Exclude<ReleaseOperation, 'delete'>) {
  const split = splitHooks(options.objects);
  const planned = await planRelease(context, split.objects, { forceReplace: options.forceReplace, resync: options.resync });
  const alsoCreate = [...(options.alsoCreate ?? []), ...(options.createReleaseNamespace ? [context.namespace] : [])];
  const checked = await preflight(context, planned.plan, { ...options, alsoCreate });
  const [before, after] = OPERATION_PHASES[operation];
  const hooks = await Promise.all((options.hooks === false ? [] : split.hooks).map((h) => prepareHook(context, h)));
  const prepared = new Map(hooks.map((h) => [h.hook, h]));
  const pick = (phase: HookPhase) => hooksOfPhase([...prepared.keys()], phase).map((h) => prepared.get(h)!);
  const phases = { before: { phase: before, hooks: pick(before) }, after: { phase: after, hooks: pick(after) } };
  const toRun = [...new Map([...phases.before.hooks, ...phases.after.hooks].map((h) => [h.id, h])).values()];
  if (toRun.length) {
    const created = (kind: string) => planned.plan.changes.filter((c) => c.desired.object.kind === kind && c.action === 'create').map((c) => c.desired.object);
    const comingNamespaces = new Set([...checked.namespacesToCreate, ...created('Namespace').map((o) => o.metadata.name ?? '')]);
    const comingKinds = new Set(created('CustomResourceDefinition').flatMap(crdKinds));
    await preflightHooks(context, toRun, checked, { comingNamespaces, comingKinds, parallelism: options.parallelism });
  }
  return { ...planned, checked, hooks, hookWarnings: split.warnings, phases };
}

/** "group/version/Kind" for each version a CRD serves. */
function crdKinds(crd: KubeObject): string[] {
  const spec = (crd as { spec?: { group?: string; names?: { kind?: string }; versions?: { name: string }[] } }).spec;
  return (spec?.versions ?? []).map((v) => `${spec?.group}/${v.name}/${spec?.names?.kind}`);
}

export function hookSteps(phases: { phase: HookPhase; hooks: PreparedHook[] }[]): HookStep[] {
  return phases.flatMap(({ phase, hooks }) => hooks.map((h) => ({ object: h.id, phase, weight: h.hook.weight })));
}

/**
 * Runs `work` holding the release lock, after resolving a revision that a killed process left
 * pending (it is marked failed, with a message; the live objects are the truth the next plan
 * starts from, so nothing else needs repairing). `work` gets a guard to call before each write:
 * it stops the work when the lock was lost (this process paused past the lease and another took it).
 */
export async function withReleaseLock<T>(context: ReleaseContext, work: (records: ReleaseRecord[], guard: WriteGuard) => Promise<T>): Promise<T> {
  const lock = new ReleaseLock(context.client, context.namespace, context.release);
  const takeover = await lock.acquire().catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) {
      throw new KccError(`namespace "${context.namespace}" does not exist: release ${context.release} has no history or objects there`, { hint: 'check --namespace and --release (kcc history lists a release\'s revisions)' });
    }
    throw error;
  });
  if (takeover) message(context, 'warning', `took over the lock of ${formatHolder(takeover.previous)} held since ${takeover.since} (${takeover.why})`);
  const guard = () => lock.assertHeld();
  try {
    const records = await context.store.list(context.release);
    const last = latest(records);
    if (last?.status === 'pending') {
      last.status = 'failed';
      last.finishedAt = new Date().toISOString();
      last.updatedAt = last.finishedAt;
      last.failure = { message: `interrupted: the apply by ${last.by} started ${last.startedAt} never finished`, objects: last.applied };
      last.description = `${last.description} (interrupted)`;
      await guard();
      await context.store.update(last);
      message(context, 'warning', `revision ${last.revision} was left pending by an interrupted apply (${last.by}, started ${last.startedAt}); marked failed, continuing from the live state`);
    }
    return await work(records, guard);
  } finally {
    await lock.release();
  }
}

/** The apply pipeline, with the lock held by the caller. */
export async function applyLocked(context: ReleaseContext, options: ApplyReleaseOptions, intent: RevisionIntent, records: ReleaseRecord[], guard: WriteGuard, createdNamespaces: string[] = []): Promise<ApplyReleaseResult> {
  const { client, paths } = context;
  emit(context, 'plan', 'comparing with the live objects');
  const operation = intent.operation ?? 'upgrade';
  const { prepared, plan, recordedKinds, recordedNamespaces, kept, checked, hooks, hookWarnings, phases } = await planAndCheck(context, options, operation);
  for (const warning of hookWarnings) message(context, 'warning', warning);
  assertPreflightPassed(checked);
  const drifted = plan.changes.filter((c) => c.reason === 'drift').length;
  emit(context, 'plan', `preflight passed: ${plan.changes.filter((c) => c.action !== 'unchanged').length} object(s) checked with the server${drifted ? ` (${drifted} drifted from the configuration)` : ''}`);
  for (const note of checked.unchecked) message(context, 'info', `not checked before writing: ${note}`);
  const counts = countChanges(plan);
  emit(context, 'plan', `${counts.create} to create, ${counts.update} to update, ${counts.replace} to replace, ${counts.prune} to prune, ${counts.unchanged} unchanged`);
  for (const change of plan.changes) {
    if (change.action === 'unchanged') context.onEvent?.({ type: 'object', object: change.desired.id, state: 'unchanged' });
    else if (change.reason === 'drift') message(context, 'info', `${change.desired.id} drifted from the configuration (${change.drift!.slice(0, 3).join(', ')}${change.drift!.length > 3 ? ', ...' : ''}): it will be restored`);
    if (change.action !== 'unchanged' && change.reclaimFrom) message(context, 'info', `${change.desired.id}: taking back fields edited by ${change.reclaimFrom.join(', ')} (imperative edits of fields kcc applies)`);
  }
  for (const object of kept) message(context, 'info', `${describeObject(object)} left the configuration but is kept: the release did not create it`);

  const current = latest(records);
  // Hooks run only when a revision is recorded: a changed hook (a new migration) is a change.
  const newHooks = options.hooks !== false && hooksChanged(hooks.map((h) => h.hook), lastDeployed(records)?.hooks);
  const steps = hookSteps([phases.before, phases.after]);
  const nothingToDo = !hasChanges(plan) && !newHooks && !kept.length && !checked.namespacesToCreate.length && !intent.alwaysRecord;
  if (nothingToDo && (options.dryRun || current?.status === 'deployed')) {
    message(context, 'info', options.dryRun ? 'dry run: no changes' : `no changes; revision ${current?.revision} stays deployed${hooks.length ? ' (hooks run only when a revision is recorded)' : ''}`);
    return { revision: current?.revision, changed: false, plan, preflight: checked };
  }
  if (options.dryRun) {
    for (const step of steps) {
      const weight = step.weight ? ` (weight ${step.weight})` : '';
      context.onEvent?.({ type: 'object', object: step.object, state: 'pending', message: `${step.phase} hook${weight} would run: dry run` });
    }
    for (const change of plan.changes) {
      if (change.action === 'unchanged') continue;
      const state = change.action === 'replace' ? 'replaced' : change.action === 'create' ? (checked.adopted.includes(change.desired.id) || checked.takenOver.some((t) => t.object === change.desired.id) ? 'adopted' : 'created') : 'configured';
      context.onEvent?.({ type: 'object', object: change.desired.id, state, message: 'dry run' });
    }
    for (const object of plan.prunes) context.onEvent?.({ type: 'object', object: describeObject(object), state: 'pruned', message: 'dry run' });
    return { changed: true, plan, preflight: checked, hooks: steps };
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
    ...(checked.adopted.length ? { adopted: checked.adopted } : {}),
    ...(checked.takenOver.length ? { takenOver: checked.takenOver } : {}),
    ...(hooks.length ? { hooks: hooks.map(({ id, hook }) => ({ object: id, phases: hook.phases, weight: hook.weight, deletePolicies: hook.deletePolicies, hash: hook.hash })) } : {}),
    rollbackOf: intent.rollbackOf,
    by: byWhom(),
    startedAt: now,
    updatedAt: now,
  };
  await guard();
  await context.store.create(record);
  emit(context, 'record', `revision ${record.revision} pending`);
  let hooksRan = false;
  for (const taken of checked.takenOver) message(context, 'warning', `${taken.object}: taken over from ${taken.from} (--take-ownership)`);
  try {
    const namespaces = [...createdNamespaces, ...(await createNamespaces(context, checked.namespacesToCreate, guard))];
    if (namespaces.length) {
      record.createdNamespaces = namespaces;
      await context.store.update(record);
    }
    // The parent lists old and new kinds until pruning is done, so an interrupted apply can still find every member.
    await guard();
    await applyParent(context, [...new Set([...recordedKinds, ...plan.groupKinds])], [...recordedNamespaces, ...plan.namespaces]);
    const writeOptions = {
      forceConflicts: options.forceConflicts,
      parallelism: options.parallelism,
      signal: options.signal,
      beforeWrite: guard,
      onEvent: context.onEvent,
      onApplied: (change: PlannedChange) => record.applied.push(change.desired.id),
    };
    const hookOptions = {
      timeoutMs: options.timeoutMs ?? 300_000,
      guard,
      signal: options.signal,
      onRun: async (hook: PreparedHook, run: HookRunRecord) => {
        const entry = record.hooks?.find((h) => h.object === hook.id);
        if (entry) entry.lastRun = run;
        hooksRan = true;
        await guard();
        await context.store.update(record);
      },
    };
    // Namespaces first: pre-install hooks usually run in the namespace the release declares.
    const isNamespace = (change: PlannedChange) => change.desired.object.kind === 'Namespace';
    if (phases.before.hooks.length) {
      await applyChanges(client, paths, plan.changes.filter(isNamespace), writeOptions);
      await runHooks(context, phases.before.hooks, phases.before.phase, hookOptions);
    }
    emit(context, 'apply', `server-side apply (field manager kcc)`);
    await applyChanges(client, paths, phases.before.hooks.length ? plan.changes.filter((c) => !isNamespace(c)) : plan.changes, writeOptions);
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
      await deleteObjects(client, paths, plan.prunes, { applySetId: context.applySetId, state: 'pruned', beforeWrite: guard, onEvent: context.onEvent, onDeleted: (id) => record.pruned.push(id) });
    }
    await letGo(context, kept, guard);
    await runHooks(context, phases.after.hooks, phases.after.phase, hookOptions);
    await guard();
    await applyParent(context, plan.groupKinds, plan.namespaces);
    record.status = 'deployed';
    record.finishedAt = new Date().toISOString();
    record.updatedAt = record.finishedAt;
    await guard();
    await context.store.update(record);
    await supersedeAndTrim(context, records, record, options.historyMax ?? 10);
    emit(context, 'record', `revision ${record.revision} deployed`);
    return { revision: record.revision, changed: true, plan, preflight: checked, record, hooks: steps };
  } catch (error) {
    throw await recordFailure(context, options, record, records, error as Error, guard, hooksRan);
  }
}

/**
 * After a failure with the revision pending: record it as failed (when the cluster still answers),
 * roll back with --atomic when something was written, and say exactly what happened. A process
 * that lost the lock writes nothing more: the new holder owns the release now.
 */
async function recordFailure(context: ReleaseContext, options: ApplyReleaseOptions, record: ReleaseRecord, records: ReleaseRecord[], error: Error, guard: WriteGuard, hooksRan = false): Promise<Error> {
  const failureMessage = scrubSecretValues(error.message, options.objects);
  if (error instanceof LockLostError) {
    return new KccError(`${failureMessage}\n  revision ${record.revision} stays pending; the apply that holds the lock now marks it failed. Applied before stopping: ${record.applied.length ? record.applied.join(', ') : 'nothing'}`, { hint: error.hint, exitCode: error.exitCode });
  }
  record.status = 'failed';
  record.finishedAt = new Date().toISOString();
  record.updatedAt = record.finishedAt;
  record.failure = { message: failureMessage, objects: [...record.applied], details: error instanceof RolloutFailedError ? formatWaitFailures(error.failures).map((line) => scrubSecretValues(line, options.objects)) : undefined };
  const recorded = await context.store.update(record).then(
    () => `revision ${record.revision} recorded as failed`,
    (storeError: Error) => `revision ${record.revision} could not be recorded as failed (${scrubSecretValues(storeError.message, options.objects).split('\n')[0]}); it stays pending and the next apply marks it failed`,
  );
  emit(context, 'record', recorded);
  const wroteSomething = hooksRan || record.applied.length > 0 || record.pruned.length > 0 || Boolean(record.createdNamespaces?.length);
  const interrupted = isKccError(error) && error.exitCode === 130;
  if (options.atomic && !interrupted && (error instanceof RolloutFailedError || wroteSomething)) {
    return rollBackAfterFailure(context, options, record, [...records, record], error, failureMessage, guard);
  }
  if (error instanceof RolloutFailedError) return new RolloutFailedError(failureMessage, error.failures, { hint: error.hint });
  if (isKccError(error)) {
    return new KccError(`${failureMessage}\n  ${recorded}; applied before the failure: ${record.applied.length ? record.applied.join(', ') : 'nothing'}`, { hint: error.hint, exitCode: error.exitCode });
  }
  return error;
}

/** --atomic: return to the last deployed revision (or remove everything on a failed first install). */
async function rollBackAfterFailure(context: ReleaseContext, options: ApplyReleaseOptions, failed: ReleaseRecord, records: ReleaseRecord[], error: Error, failureMessage: string, guard: WriteGuard): Promise<Error> {
  const target = lastDeployed(records);
  emit(context, 'rollback', target ? `--atomic: rolling back to revision ${target.revision}` : '--atomic: removing the failed first install');
  const intent = { description: target ? `rollback to ${target.revision} (atomic, after revision ${failed.revision} failed)` : `uninstall (atomic, after revision ${failed.revision} failed)`, operation: 'rollback' as const, rollbackOf: target?.revision, alwaysRecord: true };
  const failures = error instanceof RolloutFailedError ? error.failures : [];
  try {
    // Adopting and taking over again is right here: these objects were this release's a moment ago.
    const result = await applyLocked(context, { ...options, objects: target?.manifests ?? [], atomic: false, forceReplace: true, adopt: true, env: target?.env ?? options.env, values: target?.values, source: target?.source ?? options.source }, intent, records, guard);
    const outcome = target ? `rolled back to revision ${target.revision} as revision ${result.revision}` : `removed what the first install created (revision ${result.revision})`;
    return new RolloutFailedError(`${failureMessage}\n  --atomic: revision ${failed.revision} failed; ${outcome}`, failures);
  } catch (rollbackError) {
    return new KccError(`${failureMessage}\n  --atomic: the rollback failed too: ${scrubSecretValues((rollbackError as Error).message, options.objects)}`, { exitCode: 2, hint: 'run kcc rollback once the cause is fixed' });
  }
}

/** --create-namespace: namespaces the objects need, created as kcc's but outside the release, so no prune or destroy deletes them. */
async function createNamespaces(context: ReleaseContext, names: string[], guard: WriteGuard): Promise<string[]> {
  for (const name of names) {
    await guard();
    await createNamespace(context.client, name, { release: context.release });
    context.onEvent?.({ type: 'object', object: `Namespace/${name}`, state: 'created', message: '--create-namespace' });
  }
  return names;
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
