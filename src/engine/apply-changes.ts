import { KccError } from '../core/errors.js';
import type { KubeObject } from '../core/kube-object.js';
import { forEachBounded } from './bounded-parallel.js';
import type { EngineListener } from './engine-events.js';
import type { KubeClient } from './kube-client.js';
import type { PlannedChange } from './plan.js';
import { readinessOf } from './readiness-rules.js';
import type { ResourcePaths } from './resource-paths.js';
import { serverSideApply } from './server-side-apply.js';

export interface ApplyChangesOptions {
  forceConflicts?: boolean;
  /** Requests in flight within one ordering stage. @default 16 */
  parallelism?: number;
  onEvent?: EngineListener;
  /** Called after each object is written, so the caller can record progress. */
  onApplied?: (change: PlannedChange, result: KubeObject) => void;
  /** Called before each write; throws to stop (the release lock was lost). */
  beforeWrite?: () => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Writes the changed objects stage by stage: every object of one install rank (all Namespaces,
 * then all ServiceAccounts...) in parallel, and the next rank only once the stage is done.
 * CustomResourceDefinitions are waited for (Established) before the stages that may use them.
 */
export async function applyChanges(client: KubeClient, paths: ResourcePaths, changes: PlannedChange[], options: ApplyChangesOptions = {}): Promise<void> {
  const stages = new Map<number, PlannedChange[]>();
  for (const change of changes) {
    if (change.action === 'unchanged') continue;
    stages.set(change.desired.rank, [...(stages.get(change.desired.rank) ?? []), change]);
  }
  for (const rank of [...stages.keys()].sort((a, b) => a - b)) {
    const stage = stages.get(rank)!;
    await forEachBounded(stage, options.parallelism ?? 16, async (change) => {
      if (options.signal?.aborted) throw new KccError('interrupted before the apply finished', { exitCode: 130, hint: 'apply again to finish, or kcc rollback' });
      const { object, id } = change.desired;
      await options.beforeWrite?.();
      if (change.action === 'replace') {
        await deleteAndWaitGone(client, paths, object);
      }
      // Dry runs never come here: preflight (preflight.ts) checks every write with the server first.
      const result = await serverSideApply(client, paths, object, id, { force: options.forceConflicts || Boolean(change.reclaimFrom) });
      const state = change.action === 'replace' ? 'replaced' : result.created ? 'created' : change.action === 'create' ? 'adopted' : 'configured';
      options.onEvent?.({ type: 'object', object: id, state, message: state === 'adopted' ? 'existed before; kcc manages it from now on' : undefined });
      options.onApplied?.(change, result.object);
    });
    const crds = stage.filter((c) => c.desired.object.kind === 'CustomResourceDefinition').map((c) => c.desired.object);
    if (crds.length) {
      // Custom resources of these kinds, in later stages, are refused until the CRD is Established.
      options.onEvent?.({ type: 'phase', phase: 'wait', message: `waiting for ${crds.length} CustomResourceDefinition${crds.length === 1 ? '' : 's'} to be established` });
      await waitEstablished(client, paths, crds);
      paths.refresh();
    }
  }
}

async function deleteAndWaitGone(client: KubeClient, paths: ResourcePaths, object: KubeObject): Promise<void> {
  const path = await paths.objectPath(object);
  await client.request('DELETE', path, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Foreground' }, { accept: [404] });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if ((await client.get(path, { accept: [404] })).status === 404) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function waitEstablished(client: KubeClient, paths: ResourcePaths, crds: KubeObject[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const crd of crds) {
    const path = await paths.objectPath(crd);
    while (Date.now() < deadline) {
      const live = (await client.get(path)).body;
      if (readinessOf({ ...live, kind: 'CustomResourceDefinition' }).state === 'ready') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
