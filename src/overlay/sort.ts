import type { Resource } from './resource.js';

/**
 * kustomize's default ("legacy") output order: kinds that others depend on first (Namespace,
 * then quotas, CRDs, accounts, RBAC, config, services, storage, workloads), webhooks last, every
 * other kind in between; ties broken by group/version/kind, then namespace, then name.
 */
export const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
export const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

export function legacySort(resources: Resource[], orderFirst = ORDER_FIRST, orderLast = ORDER_LAST): Resource[] {
  const rank = new Map<string, number>();
  orderFirst.forEach((kind, index) => rank.set(kind, -orderFirst.length + index));
  orderLast.forEach((kind, index) => rank.set(kind, 1 + index));
  const keyed = resources.map((resource) => {
    const id = resource.currentId();
    const gvk = `${id.group || '~G'}_${id.version || '~V'}_${id.kind || '~K'}`;
    return { resource, rank: rank.get(id.kind) ?? 0, gvk, rest: `${id.namespace || '~X'}|${id.name || '~N'}` };
  });
  keyed.sort((a, b) => a.rank - b.rank || compare(a.gvk, b.gvk) || compare(a.rest, b.rest));
  return keyed.map((entry) => entry.resource);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
