/**
 * API versions the Kubernetes API server no longer serves, as data: what replaced them and how
 * the fields moved. The validator turns a match into an error naming the replacement; the
 * generator never sees these versions because the pinned OpenAPI snapshot does not contain them.
 * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 */
export interface RemovedApi {
  apiVersion: string;
  kinds: string[];
  /** The Kubernetes release that stopped serving it. */
  removedIn: string;
  /** The apiVersion to use instead; absent when the kind was removed with no replacement. */
  replacement?: string;
  /** How fields moved, as "old → new" notes (only printed when the object uses the old field). */
  fieldMoves?: FieldMove[];
  /** Said when there is no replacement. */
  note?: string;
}

export interface FieldMove {
  /** A dotted path with `*` for any key or list item, e.g. "spec.rules.*.http.paths.*.backend.serviceName". */
  path: string;
  change: string;
}

const INGRESS_MOVES: FieldMove[] = [
  { path: 'spec.backend', change: 'spec.backend is now spec.defaultBackend' },
  { path: 'spec.backend.serviceName', change: 'backend.serviceName is now backend.service.name' },
  { path: 'spec.backend.servicePort', change: 'backend.servicePort is now backend.service.port.number (or .name for a named port)' },
  { path: 'spec.rules.*.http.paths.*.backend.serviceName', change: 'backend.serviceName is now backend.service.name' },
  { path: 'spec.rules.*.http.paths.*.backend.servicePort', change: 'backend.servicePort is now backend.service.port.number (or .name for a named port)' },
  { path: 'spec.rules.*.http.paths.*', change: 'every path needs pathType: Prefix, Exact or ImplementationSpecific' },
];

const WORKLOAD_MOVES: FieldMove[] = [
  { path: 'spec', change: 'spec.selector is required and must match spec.template.metadata.labels' },
  { path: 'spec.rollbackTo', change: 'spec.rollbackTo is gone; use `kubectl rollout undo` (or kcc rollback)' },
];

const HPA_MOVES: FieldMove[] = [
  { path: 'spec.metrics.*.resource.targetAverageUtilization', change: 'resource.targetAverageUtilization is now resource.target: { type: Utilization, averageUtilization }' },
  { path: 'spec.metrics.*.resource.targetAverageValue', change: 'resource.targetAverageValue is now resource.target: { type: AverageValue, averageValue }' },
  { path: 'spec.metrics.*.pods.targetAverageValue', change: 'pods.targetAverageValue is now pods.target: { type: AverageValue, averageValue }' },
  { path: 'spec.metrics.*.pods.metricName', change: 'pods.metricName is now pods.metric.name' },
  { path: 'spec.metrics.*.object.metricName', change: 'object.metricName is now object.metric.name' },
  { path: 'spec.metrics.*.object.target', change: 'object.target is now object.describedObject' },
];

const CRD_MOVES: FieldMove[] = [
  { path: 'spec.version', change: 'spec.version is now spec.versions[] (name, served, storage)' },
  { path: 'spec.validation', change: 'spec.validation.openAPIV3Schema moves into each spec.versions[].schema' },
  { path: 'spec.additionalPrinterColumns', change: 'spec.additionalPrinterColumns moves into each spec.versions[] (and JSONPath is now jsonPath)' },
  { path: 'spec.subresources', change: 'spec.subresources moves into each spec.versions[]' },
];

export const REMOVED_APIS: RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1', fieldMoves: INGRESS_MOVES },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1', fieldMoves: INGRESS_MOVES },
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', fieldMoves: WORKLOAD_MOVES },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', note: 'PodSecurityPolicy was removed in 1.25; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1', fieldMoves: WORKLOAD_MOVES },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1', fieldMoves: WORKLOAD_MOVES },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], removedIn: '1.21', replacement: 'batch/v1' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', replacement: 'autoscaling/v2', fieldMoves: HPA_MOVES },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1', fieldMoves: [{ path: 'spec.selector', change: 'in policy/v1 an empty spec.selector selects every pod in the namespace' }] },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', note: 'PodSecurityPolicy has no replacement object; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1', fieldMoves: [{ path: 'webhooks.*', change: 'every webhook needs sideEffects and admissionReviewVersions' }] },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', fieldMoves: CRD_MOVES },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'], removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], removedIn: '1.22', replacement: 'certificates.k8s.io/v1', fieldMoves: [{ path: 'spec', change: 'spec.signerName is required' }] },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], removedIn: '1.17', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'], removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', replacement: 'discovery.k8s.io/v1', fieldMoves: [{ path: 'endpoints.*.topology', change: 'endpoints[].topology["kubernetes.io/hostname"] is now endpoints[].nodeName, and topology zone is now endpoints[].zone' }] },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

export function findRemovedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED_APIS.find((api) => api.apiVersion === apiVersion && api.kinds.includes(kind));
}

/** "v1" > "v1beta2" > "v1beta1" > "v1alpha1": Kubernetes' version priority, as a sortable number. */
export function versionPriority(version: string): number {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return 0;
  const major = Number(match[1]);
  const stage = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
  const minor = match[3] === undefined ? 0 : Number(match[3]);
  return major * 10_000 + stage * 1_000 + minor;
}

export function isStableVersion(version: string): boolean {
  return /^v\d+$/.test(version);
}

/**
 * A served version is deprecated when the same group serves the same kind in a more stable
 * version: the API server keeps pre-release versions only until their users have moved.
 * Returns the apiVersion to move to, or undefined.
 */
export function supersedingVersion(group: string, version: string, kind: string, served: { group: string; version: string; kind: string }[]): string | undefined {
  const better = served
    .filter((s) => s.group === group && s.kind === kind && versionPriority(s.version) > versionPriority(version))
    .sort((a, b) => versionPriority(b.version) - versionPriority(a.version))[0];
  if (!better || isStableVersion(version)) return undefined;
  return better.group ? `${better.group}/${better.version}` : better.version;
}
