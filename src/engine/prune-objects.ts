import { describeObject, type KubeObject } from '../core/kube-object.js';
import { APPLYSET_PART_OF_LABEL } from './apply-set.js';
import { forEachBounded } from './bounded-parallel.js';
import type { EngineListener } from './engine-events.js';
import type { KubeClient } from './kube-client.js';
import type { ResourcePaths } from './resource-paths.js';
import { installOrderRank } from '../core/install-order.js';

/**
 * Deletes objects in reverse install order, one rank at a time (workloads before the config and
 * namespaces they use). Only objects that still carry this ApplySet's `part-of` label are
 * touched: the label is checked on the object itself right before deleting, as a last guard.
 */
export async function deleteObjects(client: KubeClient, paths: ResourcePaths, objects: KubeObject[], options: { applySetId: string; dryRun?: boolean; state: 'pruned' | 'deleted'; onEvent?: EngineListener; onDeleted?: (id: string) => void; beforeWrite?: () => Promise<void>; parallelism?: number }): Promise<void> {
  const ranks = new Map<number, KubeObject[]>();
  for (const o of objects) ranks.set(installOrderRank(o.kind), [...(ranks.get(installOrderRank(o.kind)) ?? []), o]);
  for (const rank of [...ranks.keys()].sort((a, b) => b - a)) {
    await forEachBounded(ranks.get(rank)!, options.parallelism ?? 16, async (object) => {
      if (object.metadata.labels?.[APPLYSET_PART_OF_LABEL] !== options.applySetId) return;
      const path = await paths.objectPath(object);
      if (!options.dryRun) await options.beforeWrite?.();
      // Preconditions: delete exactly the object we listed, not a namesake created meanwhile. A dry
      // run goes in the body: the server reads DeleteOptions from the body and ignores the query then.
      const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', preconditions: { uid: object.metadata.uid }, ...(options.dryRun ? { dryRun: ['All'] } : {}) };
      await client.request('DELETE', path, body, { accept: [404, 409] });
      const id = describeObject(object);
      options.onEvent?.({ type: 'object', object: id, state: options.state });
      options.onDeleted?.(id);
    });
  }
}
