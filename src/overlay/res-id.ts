import { groupOf, versionOf, type KubeObject } from '../core/kube-object.js';
import { isNamespaced } from '../schema/api-resources.js';

/**
 * The identity kustomize gives a resource: group, version, kind, namespace, name. Objects keep a
 * history of earlier identities (before a prefix or a namespace was applied) because patches and
 * name references written against a base still name the object as the base knew it.
 */
export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

export function resIdOf(object: KubeObject): ResId {
  return {
    group: groupOf(object.apiVersion ?? ''),
    version: versionOf(object.apiVersion ?? ''),
    kind: object.kind ?? '',
    name: object.metadata?.name ?? '',
    namespace: object.metadata?.namespace ?? '',
  };
}

export function apiVersionOf(id: Pick<ResId, 'group' | 'version'>): string {
  return id.group ? `${id.group}/${id.version}` : id.version;
}

/**
 * Cluster-scoped kinds whose API group no longer serves them, so the bundled API server's table
 * cannot answer; kustomize's built-in schema still knows them and old trees still hold them.
 */
const REMOVED_CLUSTER_SCOPED: Pick<ResId, 'group' | 'kind'>[] = [
  { group: 'policy', kind: 'PodSecurityPolicy' },
  { group: 'extensions', kind: 'PodSecurityPolicy' },
];

const scopeCache = new Map<string, boolean>();

/** Scope lookups are cached: every id comparison asks, for thousands of objects. */
export function isClusterScoped(id: Pick<ResId, 'group' | 'version' | 'kind'>): boolean {
  const key = `${id.group}/${id.version}/${id.kind}`;
  let scoped = scopeCache.get(key);
  if (scoped === undefined) {
    scoped = REMOVED_CLUSTER_SCOPED.some((removed) => removed.group === id.group && removed.kind === id.kind) || !isNamespaced(apiVersionOf(id), id.kind);
    scopeCache.set(key, scoped);
  }
  return scoped;
}

/** A string equal for two ids exactly when sameId() holds. */
export function idKey(id: ResId): string {
  return `${id.group}|${id.version}|${id.kind}|${effectiveNamespace(id)}|${id.name}`;
}

/** "" and "default" are the same namespace; cluster-scoped objects have none. */
export function effectiveNamespace(id: ResId): string {
  if (isClusterScoped(id)) return '_non_namespaceable_';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function sameGvk(a: ResId, b: ResId): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

export function sameId(a: ResId, b: ResId): boolean {
  return sameGvk(a, b) && a.name === b.name && effectiveNamespace(a) === effectiveNamespace(b);
}

/** "Deployment.v1.apps/web.prod": kustomize's way of writing an id in messages. */
export function formatResId(id: ResId): string {
  const gvk = [id.kind, id.version, id.group].filter(Boolean).join('.');
  return `${gvk}/${id.name}${id.namespace ? `.${id.namespace}` : ''}`;
}
