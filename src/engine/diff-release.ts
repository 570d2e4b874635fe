import { createTwoFilesPatch } from 'diff';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { canonicalize, toYaml } from '../core/serialize.js';
import { APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_NAMESPACES_ANNOTATION, applySetParentName, parseList } from './apply-set.js';
import { listMembers } from './live-objects.js';
import { maskSecret } from './mask-secrets.js';
import { planChanges, type ApplyPlan } from './plan.js';
import { MANIFEST_HASH_ANNOTATION, prepareObjects } from './prepare-objects.js';
import { forEachBounded } from './bounded-parallel.js';
import type { ReleaseContext } from './release-context.js';
import { ConflictError, isMissingNamespace, serverSideApply } from './server-side-apply.js';

export interface ObjectDiff {
  object: string;
  action: 'create' | 'update' | 'replace' | 'prune';
  /** Unified diff of the YAML, Secret values masked. */
  patch: string;
  /** Fields another manager owns: apply will refuse them without --force-conflicts. */
  conflict?: string;
}

/**
 * What `kcc apply` would change, as unified diffs per object: each changed object is applied with
 * a server-side dry run, so the "after" side includes defaults, admission and merge results, and
 * compared with the live object. Creations diff against nothing, prunes against nothing.
 */
export async function diffRelease(context: ReleaseContext, options: { objects: KubeObject[]; forceConflicts?: boolean; forceReplace?: boolean; parallelism?: number; /** Dry-run every object, to show edits made outside kcc too. */ resync?: boolean }): Promise<{ diffs: ObjectDiff[]; plan: ApplyPlan }> {
  const { client, paths } = context;
  const prepared = await prepareObjects(options.objects, { namespace: context.namespace, applySetId: context.applySetId, paths });
  const parent = await client.get(`/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`, { accept: [404] });
  const recorded = parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION]);
  const apiVersions = new Map(prepared.map((p) => [p.groupKind, p.object.apiVersion]));
  const namespaces = [context.namespace, ...(parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_NAMESPACES_ANNOTATION])), ...prepared.map((p) => p.object.metadata.namespace ?? '')];
  const live = await listMembers(client, paths, [...recorded, ...apiVersions.keys()], context.applySetId, apiVersions, namespaces);
  const plan = planChanges(prepared, live, { forceReplace: true, resync: options.resync });
  plan.prunes = plan.prunes.filter((o) => !(o.kind === 'Namespace' && o.metadata.name === context.namespace));
  const diffs: ObjectDiff[] = [];
  const changed = plan.changes.filter((c) => c.action !== 'unchanged');
  const afterById = new Map<string, KubeObject>();
  const conflicts = new Map<string, string>();
  await forEachBounded(changed, options.parallelism ?? 16, async (change) => {
    // A replacement cannot be dry-run as an apply (the server rejects the immutable change): show the manifest.
    if (change.action === 'replace') {
      afterById.set(change.desired.id, change.desired.object);
      return;
    }
    try {
      afterById.set(change.desired.id, (await serverSideApply(client, paths, change.desired.object, change.desired.id, { dryRun: true, force: options.forceConflicts })).object);
    } catch (error) {
      // Show what the change would be anyway, and say that apply needs --force-conflicts for it.
      if (error instanceof ConflictError) {
        conflicts.set(change.desired.id, error.message.split('\n').slice(1).map((l) => l.trim()).join('; '));
        afterById.set(change.desired.id, (await serverSideApply(client, paths, change.desired.object, change.desired.id, { dryRun: true, force: true })).object);
        return;
      }
      // A namespace this apply would create cannot hold a dry-run object yet: show the manifest.
      if (isMissingNamespace(error)) {
        afterById.set(change.desired.id, change.desired.object);
        return;
      }
      // An immutable field the table does not know: the server says so; show it as a replacement.
      if (!/immutable/i.test((error as Error).message)) throw error;
      change.action = 'replace';
      afterById.set(change.desired.id, change.desired.object);
    }
  });
  for (const change of changed) {
    const after = afterById.get(change.desired.id)!;
    const patch = unifiedDiff(change.desired.id, change.live, after);
    // With resync, objects are dry-run whether or not their manifest changed; only real differences count.
    if (options.resync && change.action === 'update' && !patch.includes('\n@@')) continue;
    diffs.push({ object: change.desired.id, action: change.action as ObjectDiff['action'], patch, conflict: conflicts.get(change.desired.id) });
  }
  for (const pruned of plan.prunes) diffs.push({ object: describeObject(pruned), action: 'prune', patch: unifiedDiff(describeObject(pruned), pruned, undefined) });
  return { diffs, plan };
}

/** The parts of an object that are the server's bookkeeping, not configuration. */
const NOISE_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

export function forDisplay(object: KubeObject | undefined, other?: KubeObject, side: 'before' | 'after' = 'after'): string {
  if (!object) return '';
  const masked: any = maskSecret(object, other, side);
  const metadata = { ...masked.metadata };
  for (const key of NOISE_METADATA) delete metadata[key];
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    delete annotations[MANIFEST_HASH_ANNOTATION];
    metadata.annotations = Object.keys(annotations).length ? annotations : undefined;
  }
  const { status: _status, ...rest } = { ...masked, metadata };
  return toYaml(canonicalize(rest));
}

export function unifiedDiff(id: string, before: KubeObject | undefined, after: KubeObject | undefined): string {
  return createTwoFilesPatch(before ? `live/${id}` : '/dev/null', after ? `kcc/${id}` : '/dev/null', forDisplay(before, after, 'before'), forDisplay(after, before, 'after'), '', '', { context: 3 })
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .join('\n');
}
