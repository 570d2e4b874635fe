import type { KubeObject } from '../core/kube-object.js';

/** How a live object stands after apply. */
export interface Readiness {
  state: 'ready' | 'progressing' | 'failed';
  message?: string;
}

type Rule = (live: any) => Readiness;

const ready: Readiness = { state: 'ready' };
const progressing = (message: string): Readiness => ({ state: 'progressing', message });
const failed = (message: string): Readiness => ({ state: 'failed', message });

function condition(live: any, type: string): { status?: string; reason?: string; message?: string } | undefined {
  return (live.status?.conditions as any[] | undefined)?.find((c) => c.type === type);
}

/** The controller has not looked at the newest spec yet: nothing in status can be trusted. */
function notObserved(live: any): Readiness | undefined {
  const generation = live.metadata?.generation;
  const observed = live.status?.observedGeneration;
  if (generation !== undefined && (observed === undefined || observed < generation)) return progressing('waiting for the controller to observe the new spec');
  return undefined;
}

/**
 * Readiness per kind, following what `kubectl rollout status` and Helm's ready checker consider
 * done. A kind not listed is ready when its Ready or Available condition is True (or when it has
 * neither: most config kinds have no status at all).
 */
export const READINESS_RULES: Record<string, Rule> = {
  Deployment: (d) => {
    const pending = notObserved(d);
    if (pending) return pending;
    if (d.spec?.paused) return ready;
    const progress = condition(d, 'Progressing');
    if (progress?.reason === 'ProgressDeadlineExceeded') return failed(`rollout exceeded its progress deadline: ${progress.message ?? ''}`.trim());
    const want = d.spec?.replicas ?? 1;
    const s = d.status ?? {};
    if ((s.updatedReplicas ?? 0) < want) return progressing(`${s.updatedReplicas ?? 0} of ${want} replicas updated`);
    if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return progressing(`${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas pending termination`);
    if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) return progressing(`${s.availableReplicas ?? 0} of ${s.updatedReplicas} updated replicas available`);
    return ready;
  },
  StatefulSet: (s) => {
    const pending = notObserved(s);
    if (pending) return pending;
    if (s.spec?.updateStrategy?.type === 'OnDelete') return ready;
    const want = s.spec?.replicas ?? 1;
    const st = s.status ?? {};
    const partition = s.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if ((st.readyReplicas ?? 0) < want) return progressing(`${st.readyReplicas ?? 0} of ${want} replicas ready`);
    if (partition > 0) return (st.updatedReplicas ?? 0) < want - partition ? progressing(`${st.updatedReplicas ?? 0} of ${want - partition} partitioned replicas updated`) : ready;
    if (st.updateRevision && st.currentRevision !== st.updateRevision) return progressing(`${st.updatedReplicas ?? 0} of ${want} replicas updated`);
    return ready;
  },
  DaemonSet: (d) => {
    const pending = notObserved(d);
    if (pending) return pending;
    if (d.spec?.updateStrategy?.type === 'OnDelete') return ready;
    const st = d.status ?? {};
    const want = st.desiredNumberScheduled ?? 0;
    if ((st.updatedNumberScheduled ?? 0) < want) return progressing(`${st.updatedNumberScheduled ?? 0} of ${want} pods updated`);
    if ((st.numberAvailable ?? 0) < want) return progressing(`${st.numberAvailable ?? 0} of ${want} pods available`);
    return ready;
  },
  ReplicaSet: (r) => notObserved(r) ?? replicasReady(r),
  ReplicationController: (r) => notObserved(r) ?? replicasReady(r),
  Job: (j) => {
    if (condition(j, 'Failed')?.status === 'True') return failed(`job failed: ${condition(j, 'Failed')?.reason ?? ''} ${condition(j, 'Failed')?.message ?? ''}`.trim());
    if (condition(j, 'Complete')?.status === 'True') return ready;
    if (j.spec?.suspend) return ready;
    return progressing(`${j.status?.succeeded ?? 0} of ${j.spec?.completions ?? 1} completions`);
  },
  Pod: (p) => {
    if (p.status?.phase === 'Succeeded') return ready;
    if (p.status?.phase === 'Failed') return failed(`pod failed: ${p.status?.reason ?? ''} ${p.status?.message ?? ''}`.trim());
    const problem = podProblem(p);
    if (problem) return failed(problem);
    return condition(p, 'Ready')?.status === 'True' ? ready : progressing(`pod ${p.status?.phase ?? 'Pending'}, not ready`);
  },
  PersistentVolumeClaim: (c) => {
    if (c.status?.phase === 'Bound') return ready;
    if (c.status?.phase === 'Lost') return failed('claim lost its volume');
    return progressing(`claim ${c.status?.phase ?? 'Pending'}`);
  },
  Service: (s) => {
    if (s.spec?.type !== 'LoadBalancer') return ready;
    return s.status?.loadBalancer?.ingress?.length ? ready : progressing('waiting for a load balancer address');
  },
  CustomResourceDefinition: (c) => {
    if (condition(c, 'NamesAccepted')?.status === 'False') return failed(`names not accepted: ${condition(c, 'NamesAccepted')?.message ?? ''}`);
    return condition(c, 'Established')?.status === 'True' ? ready : progressing('waiting to be established');
  },
  Namespace: (n) => (n.status?.phase === 'Active' ? ready : progressing(`namespace ${n.status?.phase ?? 'not active'}`)),
};

function replicasReady(r: any): Readiness {
  const want = r.spec?.replicas ?? 1;
  const available = r.status?.availableReplicas ?? r.status?.readyReplicas ?? 0;
  return available >= want ? ready : progressing(`${available} of ${want} replicas available`);
}

/** Any other kind: the conventional conditions, when it has them. */
function conditionsRule(live: any): Readiness {
  for (const type of ['Ready', 'Available']) {
    const c = condition(live, type);
    if (!c) continue;
    return c.status === 'True' ? ready : progressing(`${type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  }
  return ready;
}

export function readinessOf(live: KubeObject): Readiness {
  return (READINESS_RULES[live.kind] ?? conditionsRule)(live);
}

/** Kinds whose pods the waiter inspects to explain (and fail fast on) a stuck rollout. */
export const POD_OWNING_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);

/**
 * Container states that will not get better by waiting: a crashing or unpullable container, bad
 * config. kubectl waits these out until the timeout; kcc reports them as soon as it sees them.
 */
export const FATAL_WAITING_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

/** Why a pod cannot become ready, or undefined while it still may. */
export function podProblem(pod: any): string | undefined {
  if (pod.status?.phase === 'Failed') return `phase Failed${pod.status?.reason ? ` (${pod.status.reason})` : ''}`;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of statuses) {
    const waiting = c.state?.waiting;
    if (waiting && FATAL_WAITING_REASONS.has(waiting.reason)) return `container ${c.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
  }
  return undefined;
}

/** Kinds with nothing to wait for: they are done once the server accepts them. */
export const STATUSLESS_KINDS = new Set(['ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodDisruptionBudget', 'StorageClass', 'PriorityClass', 'IngressClass', 'Ingress', 'HorizontalPodAutoscaler', 'CronJob', 'Endpoints', 'EndpointSlice']);

export function needsWaiting(kind: string): boolean {
  return !STATUSLESS_KINDS.has(kind);
}
