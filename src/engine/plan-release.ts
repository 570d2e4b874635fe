import type { KubeObject } from '../core/kube-object.js';
import { APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_NAMESPACES_ANNOTATION, applySetParentName, parseList } from './apply-set.js';
import { listMembers } from './live-objects.js';
import { keptOnDelete } from './ownership.js';
import { planChanges, type ApplyPlan } from './plan.js';
import { prepareObjects, type PreparedObject } from './prepare-objects.js';
import type { ReleaseContext } from './release-context.js';

/** A plan with what the ApplySet parent recorded before it (an apply keeps both until pruning is done). */
export interface ReleasePlan {
  prepared: PreparedObject[];
  plan: ApplyPlan;
  recordedKinds: string[];
  recordedNamespaces: string[];
  /** Members that left the configuration but stay: namespaces the release did not create. */
  kept: KubeObject[];
}

/**
 * Plans an apply of `objects` against the live members of the release: one GET of the ApplySet
 * parent and one LIST per kind (per namespace for users without cluster-wide list rights).
 */
export async function planRelease(context: ReleaseContext, objects: KubeObject[], options: { forceReplace?: boolean; resync?: boolean } = {}): Promise<ReleasePlan> {
  const { client, paths } = context;
  const prepared = await prepareObjects(objects, { namespace: context.namespace, applySetId: context.applySetId, paths });
  const parent = await client.get(`/api/v1/namespaces/${encodeURIComponent(context.namespace)}/secrets/${applySetParentName(context.release)}`, { accept: [404] });
  const annotations = parent.status === 404 ? undefined : parent.body.metadata?.annotations;
  const recordedKinds = parseList(annotations?.[APPLYSET_GROUP_KINDS_ANNOTATION]);
  const recordedNamespaces = parseList(annotations?.[APPLYSET_NAMESPACES_ANNOTATION]);
  const apiVersions = new Map(prepared.map((p) => [p.groupKind, p.object.apiVersion]));
  const namespaces = [context.namespace, ...recordedNamespaces, ...prepared.map((p) => p.object.metadata.namespace ?? '')];
  const objectsIn = new Map<string, string[]>();
  for (const p of prepared) if (p.object.metadata.namespace) objectsIn.set(p.object.metadata.namespace, [...(objectsIn.get(p.object.metadata.namespace) ?? []), p.id]);
  const live = await listMembers(client, paths, [...recordedKinds, ...apiVersions.keys()], context.applySetId, apiVersions, namespaces, objectsIn);
  const plan = planChanges(prepared, live, options);
  // The release namespace holds the history and the lock: never prune it with the objects.
  const kept = plan.prunes.filter((o) => keptOnDelete(o));
  plan.prunes = plan.prunes.filter((o) => !keptOnDelete(o) && !(o.kind === 'Namespace' && o.metadata.name === context.namespace));
  return { prepared, plan, recordedKinds, recordedNamespaces, kept };
}
