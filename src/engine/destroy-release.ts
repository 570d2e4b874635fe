import { latest, type ReleaseRecord } from '../release/index.js';
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
}

/**
 * Deletes every live member of the release in reverse install order, then the ApplySet parent,
 * then the history (unless kept, with the latest revision marked uninstalled). Members are found
 * by label, so objects a crashed apply created are removed too, and nothing else is. Namespaces
 * the release adopted or that --create-namespace made stay. A dry run takes no lock and sends
 * only dry-run deletes.
 */
export async function destroyRelease(context: ReleaseContext, options: { keepHistory?: boolean; dryRun?: boolean } = {}): Promise<DestroyResult> {
  if (options.dryRun) {
    const records = await context.store.list(context.release);
    const { members, kept } = await findMembers(context, records);
    const deleted: string[] = [];
    await deleteObjects(context.client, context.paths, members, { applySetId: context.applySetId, dryRun: true, state: 'deleted', onEvent: context.onEvent, onDeleted: (id) => deleted.push(id) });
    return { deleted, kept: [...kept.map(describeObject), ...createdNamespaces(records)], historyKept: true };
  }
  return withReleaseLock(context, async (records, guard) => {
    const { client, paths } = context;
    const { members, kept } = await findMembers(context, records);
    context.onEvent?.({ type: 'phase', phase: 'delete', message: `deleting ${members.length} object${members.length === 1 ? '' : 's'}` });
    const deleted: string[] = [];
    await deleteObjects(client, paths, members, { applySetId: context.applySetId, state: 'deleted', beforeWrite: guard, onEvent: context.onEvent, onDeleted: (id) => deleted.push(id) });
    await letGo(context, kept, guard);
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
    return { deleted, kept: [...kept.map(describeObject), ...createdNamespaces(records)], historyKept: Boolean(options.keepHistory) };
  });
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
