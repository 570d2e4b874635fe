import { latest } from '../release/index.js';
import { groupKind } from '../core/kube-object.js';
import { APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_NAMESPACES_ANNOTATION, applySetParentName, parseList } from './apply-set.js';
import { withReleaseLock } from './apply-release.js';
import { listMembers } from './live-objects.js';
import { deleteObjects } from './prune-objects.js';
import type { ReleaseContext } from './release-context.js';

export interface DestroyResult {
  deleted: string[];
  historyKept: boolean;
}

/**
 * Deletes every live member of the release in reverse install order, then the ApplySet parent,
 * then the history (unless kept, with the latest revision marked uninstalled). Members are found
 * by label, so objects a crashed apply created are removed too, and nothing else is.
 */
export async function destroyRelease(context: ReleaseContext, options: { keepHistory?: boolean; dryRun?: boolean } = {}): Promise<DestroyResult> {
  return withReleaseLock(context, async (records) => {
    const { client, paths } = context;
    const parentPath = `/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`;
    const parent = await client.get(parentPath, { accept: [404] });
    const kinds = new Set(parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION]));
    const apiVersions = new Map<string, string>();
    for (const r of records) for (const o of r.manifests) {
      kinds.add(groupKind(o));
      apiVersions.set(groupKind(o), o.apiVersion);
    }
    const namespaces = new Set([context.namespace, ...(parent.status === 404 ? [] : parseList(parent.body.metadata?.annotations?.[APPLYSET_NAMESPACES_ANNOTATION]))]);
    for (const r of records) for (const o of r.manifests) if (o.metadata.namespace) namespaces.add(o.metadata.namespace);
    const live = await listMembers(client, paths, kinds, context.applySetId, apiVersions, namespaces);
    const members = [...live.values()].filter((o) => !(o.kind === 'Namespace' && o.metadata.name === context.namespace));
    context.onEvent?.({ type: 'phase', phase: 'delete', message: `deleting ${members.length} object${members.length === 1 ? '' : 's'}` });
    const deleted: string[] = [];
    await deleteObjects(client, paths, members, { applySetId: context.applySetId, dryRun: options.dryRun, state: 'deleted', onEvent: context.onEvent, onDeleted: (id) => deleted.push(id) });
    if (options.dryRun) return { deleted, historyKept: true };
    await client.request('DELETE', parentPath, undefined, { accept: [404] });
    const last = latest(records);
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
    return { deleted, historyKept: Boolean(options.keepHistory) };
  });
}
