import type { PodSecurityContext, ResourceRequirements, SecurityContext } from '../k8s/core-v1.js';

/**
 * What kcc-plus workloads get unless told otherwise, in one place a reviewer can check against
 * the Pod Security Standards ("restricted" profile) and the course's advice on requests.
 * Each workload and each container takes `secureDefaults: false` to drop them, or overrides
 * single fields through its own `securityContext` / `resources`.
 */
export const SECURE_CONTAINER_CONTEXT: Readonly<SecurityContext> = Object.freeze({
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  privileged: false,
  capabilities: { drop: ['ALL'] },
});

export const SECURE_POD_CONTEXT: Readonly<PodSecurityContext> = Object.freeze({
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' as const },
});

/**
 * Requests let the scheduler place the pod and a ResourceQuota on requests admit it; no limits
 * by default, because a wrong CPU limit throttles and a wrong memory limit kills.
 */
export const DEFAULT_RESOURCES: Readonly<ResourceRequirements> = Object.freeze({
  requests: { cpu: '100m', memory: '128Mi' },
});

/** The container's securityContext: the secure defaults (when on) with the program's fields over them. */
export function containerSecurityContext(secure: boolean, own: SecurityContext | undefined): SecurityContext | undefined {
  const merged = { ...(secure ? structuredClone(SECURE_CONTAINER_CONTEXT) : {}), ...own };
  return Object.keys(merged).length ? merged : undefined;
}

export function podSecurityContext(secure: boolean, own: PodSecurityContext | undefined): PodSecurityContext | undefined {
  const merged = { ...(secure ? structuredClone(SECURE_POD_CONTEXT) : {}), ...own };
  return Object.keys(merged).length ? merged : undefined;
}

/** The program's resources when given (`{}` for none at all), else the default requests when on. */
export function containerResources(secure: boolean, own: ResourceRequirements | undefined): ResourceRequirements | undefined {
  const chosen = own ?? (secure ? structuredClone(DEFAULT_RESOURCES) : undefined);
  return chosen && Object.keys(chosen).length ? chosen : undefined;
}
