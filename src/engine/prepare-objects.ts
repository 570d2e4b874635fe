import { createHash } from 'node:crypto';
import { KccError } from '../core/errors.js';
import { describeObject, groupKind, objectKey, type KubeObject } from '../core/kube-object.js';
import { canonicalize } from '../core/serialize.js';
import { installOrderRank } from '../core/install-order.js';
import { APPLYSET_PART_OF_LABEL } from './apply-set.js';
import type { ResourcePaths } from './resource-paths.js';

/**
 * Hash of the manifest kcc last applied, stored on each object. The planner compares it with the
 * hash of the desired manifest to skip unchanged objects without fetching or sending them, which
 * is what makes a no-op apply cost one LIST per kind instead of one request per object.
 */
export const MANIFEST_HASH_ANNOTATION = 'kcc.dev/manifest-hash';

/** A desired object ready to send: namespace filled in, ApplySet label and hash annotation set. */
export interface PreparedObject {
  object: KubeObject;
  /** The object as the caller gave it (validation errors point at its source). */
  original: KubeObject;
  key: string;
  id: string;
  groupKind: string;
  hash: string;
  rank: number;
}

export function manifestHash(object: KubeObject): string {
  return createHash('sha256').update(JSON.stringify(canonicalize(object))).digest('hex').slice(0, 32);
}

export async function prepareObjects(objects: KubeObject[], options: { namespace: string; applySetId: string; paths: ResourcePaths }): Promise<PreparedObject[]> {
  // Custom resources whose CRD comes in the same apply cannot be discovered yet: take their scope from the CRD.
  const crdScopes = new Map<string, boolean>();
  for (const o of objects) {
    if (o.kind !== 'CustomResourceDefinition') continue;
    const spec = (o as any).spec;
    crdScopes.set(`${spec?.names?.kind}.${spec?.group}`, spec?.scope !== 'Cluster');
  }
  const seen = new Map<string, string>();
  const prepared: PreparedObject[] = [];
  for (const original of objects) {
    if (!original?.apiVersion || !original.kind || !original.metadata?.name) {
      throw new KccError(`${describeObject(original)}: every object needs apiVersion, kind and metadata.name to be applied`, { exitCode: 1 });
    }
    const gk = groupKind(original);
    const namespaced = crdScopes.get(gk) ?? (await options.paths.isNamespaced(original.apiVersion, original.kind));
    const metadata = { ...original.metadata, labels: { ...original.metadata.labels, [APPLYSET_PART_OF_LABEL]: options.applySetId } };
    if (namespaced) metadata.namespace = original.metadata.namespace ?? options.namespace;
    else delete metadata.namespace;
    if (metadata.annotations?.[MANIFEST_HASH_ANNOTATION] !== undefined) {
      const { [MANIFEST_HASH_ANNOTATION]: _stale, ...annotations } = metadata.annotations;
      metadata.annotations = annotations;
    }
    const object = { ...original, metadata };
    const hash = manifestHash(object);
    object.metadata = { ...metadata, annotations: { ...metadata.annotations, [MANIFEST_HASH_ANNOTATION]: hash } };
    const key = objectKey(object);
    if (seen.has(key)) throw new KccError(`${describeObject(object)} is defined twice`, { hint: 'each object may appear once per release' });
    seen.set(key, key);
    prepared.push({ object, original, key, id: describeObject(object), groupKind: gk, hash, rank: installOrderRank(object.kind) });
  }
  return prepared;
}
