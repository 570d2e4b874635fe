import { KccError } from '../core/errors.js';
import { lastDeployed, latest, type ReleaseRecord } from '../release/index.js';
import { hookSteps, type HookStep } from './apply-release.js';
import { preflightHooks } from './hook-preflight.js';
import { hooksOfPhase, OPERATION_PHASES, splitHooks } from './hooks.js';
import { assertPreflightPassed } from './preflight.js';
import { HOOK_OF_LABEL, prepareHook, runHooks, type PreparedHook } from './run-hooks.js';
import { describeObject, groupKind, type KubeObject } from '../core/kube-object.js';
import { APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_NAMESPACES_ANNOTATION, applySetParentName, parseList } from './apply-set.js';
import { withReleaseLock } from './apply-release.js';
import { listMembers } from './live-objects.js';
import { keptOnDelete, letGo } from './ownership.js';
import { deleteObjects } from './prune-objects.js';
import type { ReleaseContext } from './release-context.js';

export interface DestroyResult {
  deleted: string[];
  /** Members left in place: namespaces the release did not create, and those --create-namespace made. */
  kept: string[];
  historyKept: boolean;
  /** The pre-delete and post-delete hooks run (or, in a dry run, that would run), in order. */
  hooks: HookStep[];
  /** Hook objects of earlier operations that were left by their delete policy, deleted with the release. */
  hookObjectsDeleted: string[];
}

export interface DestroyOptions {
  keepHistory?: boolean;
  dryRun?: boolean;
  /** Run the pre-delete and post-delete hooks. @default true */
  hooks?: boolean;
  /** How long one hook may take. @default 300000 (5 minutes) */
  timeoutMs?: number;
}

/**
 * Deletes every live member of the release in reverse install order, then the ApplySet parent,
 * then the history (unless kept, with the latest revision marked uninstalled). Members are found
 * by label, so objects a crashed apply created are removed too, and nothing else is. Namespaces
 * the release adopted or that --create-namespace made stay. A dry run takes no lock and sends
 * only dry-run deletes.
 *
 * Hooks, as Helm runs them: the deployed revision's pre-delete hooks before anything is deleted
 * (one that fails stops the destroy with nothing deleted), its post-delete hooks after. Hook
 * objects that earlier installs and upgrades left behind (delete policy before-hook-creation)
 * are deleted with the release, which Helm does not do; the delete hooks' own objects stay
 * unless their policy removes them, so their pods can still be read.
 */
export async function destroyRelease(context: ReleaseContext, options: DestroyOptions = {}): Promise<DestroyResult> {
  if (options.dryRun) {
    const records = await context.store.list(context.release);
    const { members, kept } = await findMembers(context, records);
    const phases = await deleteHooks(context, records, options);
    const steps = hookSteps([phases.before, phases.after]);
    for (const step of steps) context.onEvent?.({ type: 'object', object: step.object, state: 'pending', message: `${step.phase} hook would run: dry run` });
    const deleted: string[] = [];
    await deleteObjects(context.client, context.paths, members, { applySetId: context.applySetId, dryRun: true, state: 'deleted', onEvent: context.onEvent, onDeleted: (id) => deleted.push(id) });
    return { deleted, kept: [...kept.map(describeObject), ...createdNamespaces(records)], historyKept: true, hooks: steps, hookObjectsDeleted: [] };
  }
  return withReleaseLock(context, async (records, guard) => {
    const { client, paths } = context;
    const { members, kept } = await findMembers(context, records);
    const phases = await deleteHooks(context, records, options);
    const toRun = [...phases.before.hooks, ...phases.after.hooks];
    if (toRun.length) {
      const report = { problems: [], hints: [], unchecked: [], adopted: [], takenOver: [], namespacesToCreate: [], dryRun: new Map() };
      await preflightHooks(context, [...new Map(toRun.map((h) => [h.id, h])).values()], report, { comingNamespaces: new Set(), comingKinds: new Set() });
      assertPreflightPassed(report);
    }
    const hookOptions = { timeoutMs: options.timeoutMs ?? 300_000, guard };
    await runHooks(context, phases.before.hooks, phases.before.phase, hookOptions).catch((error: Error) => {
      throw new KccError(`${error.message}\n  nothing was deleted`, { exitCode: 2, hint: (error as KccError).hint });
    });
    context.onEvent?.({ type: 'phase', phase: 'delete', message: `deleting ${members.length} object${members.length === 1 ? '' : 's'}` });
    const deleted: string[] = [];
    await deleteObjects(client, paths, members, { applySetId: context.applySetId, state: 'deleted', beforeWrite: guard, onEvent: context.onEvent, onDeleted: (id) => deleted.push(id) });
    await letGo(context, kept, guard);
    const hookObjectsDeleted = await deleteLeftoverHooks(context, records, new Set(toRun.map((h) => h.id)), guard);
    await runHooks(context, phases.after.hooks, phases.after.phase, hookOptions).catch((error: Error) => {
      throw new KccError(`${error.message}\n  the release's ${deleted.length} object(s) were deleted; its history is kept: run kcc destroy again to retry the post-delete hooks`, { exitCode: 2, hint: (error as KccError).hint });
    });
    await guard();
    await client.request('DELETE', `/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`, undefined, { accept: [404] });
    const last = latest(records);
    await guard();
    if (options.keepHistory) {
      if (last) {
        last.status = 'uninstalled';
        last.updatedAt = new Date().toISOString();
        last.description = `${last.description}; uninstalled`;
        await context.store.update(last);
      }
    } else {
      for (const r of records) await context.store.delete(r.release, r.revision);
    }
    return { deleted, kept: [...kept.map(describeObject), ...createdNamespaces(records)], historyKept: Boolean(options.keepHistory), hooks: hookSteps([phases.before, phases.after]), hookObjectsDeleted };
  });
}

/** The deployed revision's delete hooks (the latest revision's when none is deployed), prepared and in running order. */
async function deleteHooks(context: ReleaseContext, records: ReleaseRecord[], options: DestroyOptions): Promise<Record<'before' | 'after', { phase: (typeof OPERATION_PHASES.delete)[number]; hooks: PreparedHook[] }>> {
  const source = lastDeployed(records) ?? latest(records);
  const hooks = options.hooks === false || source?.status === 'uninstalled' ? [] : splitHooks(source?.manifests ?? []).hooks;
  const [before, after] = OPERATION_PHASES.delete;
  const pick = (phase: typeof before | typeof after) => Promise.all(hooksOfPhase(hooks, phase).map((h) => prepareHook(context, h)));
  return { before: { phase: before, hooks: await pick(before) }, after: { phase: after, hooks: await pick(after) } };
}

/**
 * Hook objects of this release still in the cluster (found by their label, one LIST per kind and
 * namespace the recorded hooks use), except those named in `keep`.
 */
async function deleteLeftoverHooks(context: ReleaseContext, records: ReleaseRecord[], keep: Set<string>, guard: () => Promise<void>): Promise<string[]> {
  const places = new Map<string, { apiVersion: string; kind: string; namespace?: string }>();
  for (const record of records) {
    for (const h of splitHooks(record.manifests).hooks) {
      const { object } = await prepareHook(context, h);
      places.set(`${object.apiVersion}|${object.kind}|${object.metadata.namespace ?? ''}`, { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace });
    }
  }
  const selector = encodeURIComponent(`${HOOK_OF_LABEL}=${context.applySetId}`);
  const found: KubeObject[] = [];
  for (const place of places.values()) {
    const collection = await context.paths.collectionPath(place.apiVersion, place.kind, place.namespace).catch(() => undefined);
    if (!collection) continue;
    const listed = await context.client.get<{ items?: KubeObject[] }>(`${collection}?labelSelector=${selector}`, { accept: [403, 404] });
    if (listed.status !== 200) continue;
    for (const item of listed.body.items ?? []) found.push({ ...item, apiVersion: place.apiVersion, kind: place.kind });
  }
  const deleted: string[] = [];
  for (const object of found) {
    const id = describeObject(object);
    if (keep.has(id) || object.kind === 'CustomResourceDefinition') continue;
    await guard();
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', preconditions: { uid: object.metadata.uid } };
    await context.client.request('DELETE', await context.paths.objectPath(object), body, { accept: [404, 409] });
    context.onEvent?.({ type: 'object', object: id, state: 'deleted', message: 'hook object left by an earlier run' });
    deleted.push(id);
  }
  return deleted;
}

async function findMembers(context: ReleaseContext, records: ReleaseRecord[]): Promise<{ members: KubeObject[]; kept: KubeObject[] }> {
  const parent = await context.client.get(`/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`, { accept: [404] });
  const kinds = new Set(parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION]));
  const apiVersions = new Map<string, string>();
  for (const r of records) for (const o of r.manifests) {
    kinds.add(groupKind(o));
    apiVersions.set(groupKind(o), o.apiVersion);
  }
  const namespaces = new Set([context.namespace, ...(parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_NAMESPACES_ANNOTATION]))]);
  for (const r of records) for (const o of r.manifests) if (o.metadata.namespace) namespaces.add(o.metadata.namespace);
  const live = await listMembers(context.client, context.paths, kinds, context.applySetId, apiVersions, namespaces);
  // The release namespace holds the history (kept with --keep-history) and the lock.
  const candidates = [...live.values()].filter((o) => !(o.kind === 'Namespace' && o.metadata.name === context.namespace));
  return { members: candidates.filter((o) => !keptOnDelete(o)), kept: candidates.filter(keptOnDelete) };
}

function createdNamespaces(records: ReleaseRecord[]): string[] {
  return [...new Set(records.flatMap((r) => r.createdNamespaces ?? []))].sort().map((ns) => `Namespace/${ns}`);
}
