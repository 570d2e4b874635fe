import { describeObject, type KubeObject } from '../core/kube-object.js';
import { APPLYSET_ID_LABEL, APPLYSET_PART_OF_LABEL } from './apply-set.js';
import type { KubeClient } from './kube-client.js';
import type { ReleaseContext } from './release-context.js';
import { serverSideApply } from './server-side-apply.js';

/**
 * Set on an object that existed before the release took it over (`--adopt`). A Namespace that
 * carries it is never deleted by prune or destroy: the release did not create it, and deleting a
 * namespace deletes everything in it, kcc's or not.
 */
export const ADOPTED_ANNOTATION = 'kcc.dev/adopted';

/** Who an existing object belongs to, read from its labels and annotations. */
export type Owner =
  | { kind: 'none' }
  | { kind: 'this-release' }
  | { kind: 'applyset'; id: string; description: string }
  | { kind: 'helm'; release: string; namespace?: string; description: string };

export function ownerOf(object: KubeObject, applySetId: string): Owner {
  const partOf = object.metadata.labels?.[APPLYSET_PART_OF_LABEL];
  if (partOf === applySetId) return { kind: 'this-release' };
  if (partOf) return { kind: 'applyset', id: partOf, description: `ApplySet ${partOf}` };
  const helmRelease = object.metadata.annotations?.['meta.helm.sh/release-name'];
  if (helmRelease) {
    const namespace = object.metadata.annotations?.['meta.helm.sh/release-namespace'];
    return { kind: 'helm', release: helmRelease, namespace, description: `Helm release ${helmRelease}${namespace ? ` in namespace ${namespace}` : ''}` };
  }
  return { kind: 'none' };
}

/**
 * Names the release behind another ApplySet id: the parent objects carry the id as a label, and
 * kcc's parents also name their release. One cluster-wide LIST, made only when an object is
 * refused, so the message can say "belongs to release web in namespace shop".
 */
export async function describeApplySetOwner(client: KubeClient, id: string): Promise<string> {
  const selector = encodeURIComponent(`${APPLYSET_ID_LABEL}=${id}`);
  const found = await client.get<{ items?: KubeObject[] }>(`/api/v1/secrets?labelSelector=${selector}`, { accept: [403] }).catch(() => undefined);
  const parent = found?.status === 200 ? found.body.items?.[0] : undefined;
  if (!parent) return `ApplySet ${id}`;
  const release = parent.metadata.labels?.['kcc.dev/release'];
  return release ? `kcc release ${release} in namespace ${parent.metadata.namespace}` : `the ApplySet of Secret ${parent.metadata.namespace}/${parent.metadata.name}`;
}

/** Namespaces the release did not create stay when their objects go. */
export function keptOnDelete(object: KubeObject): boolean {
  return object.kind === 'Namespace' && object.metadata.annotations?.[ADOPTED_ANNOTATION] !== undefined;
}

/**
 * Members that must stay when they leave the release (namespaces it did not create) are let go:
 * an apply of their bare identity drops every field kcc set, the ApplySet label included, so no
 * release claims them any more.
 */
export async function letGo(context: ReleaseContext, objects: KubeObject[], beforeWrite: () => Promise<void>): Promise<void> {
  for (const object of objects) {
    await beforeWrite();
    const id = describeObject(object);
    const bare = { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) } } as KubeObject;
    await serverSideApply(context.client, context.paths, bare, id, { force: true });
    context.onEvent?.({ type: 'object', object: id, state: 'kept', message: 'the release did not create it; kcc lets go of it' });
  }
}
