import type { KubeObject } from './kube-object.js';

/**
 * The order in which kinds are installed, as Helm does it (pkg/releaseutil/kind_sorter.go):
 * things others refer to come first (namespaces, policies, accounts, config, storage, CRDs, RBAC),
 * then services, then workloads, then what routes traffic to them. Kinds not listed (custom
 * resources, newer built-ins) come after all of these. Kept as data so it can be checked against
 * the documentation line by line.
 */
export const INSTALL_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const RANKS = new Map(INSTALL_ORDER.map((kind, index) => [kind, index]));

/** Position of a kind in the install order; every unknown kind shares the last rank. */
export function installOrderRank(kind: string): number {
  return RANKS.get(kind) ?? INSTALL_ORDER.length;
}

/**
 * A copy sorted into install order. Stable: objects of the same rank keep their input order, so
 * the output depends only on the input, never on the sort implementation.
 * Accepts plain objects or anything carrying one in `.object` (TrackedObject).
 */
export function sortForInstall<T extends KubeObject | { object: KubeObject }>(objects: readonly T[]): T[] {
  const kindOf = (item: T): string => ('object' in item && item.object && typeof item.object === 'object' ? (item.object as KubeObject).kind : (item as KubeObject).kind);
  return objects
    .map((item, index) => ({ item, index, rank: installOrderRank(kindOf(item)) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.item);
}
