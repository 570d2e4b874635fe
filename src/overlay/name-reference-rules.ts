import type { FieldSpec } from './kustomization-types.js';

/**
 * Which fields hold the name of another object (kustomize's nameReference configuration, v5.5).
 * When a referenced object is renamed (prefix, suffix, content hash), every field listed under its
 * kind is rewritten to the new name. Read as: "a <referral> is named by <field> of <kind>".
 */
export interface NameReferenceRule {
  referral: { group?: string; version?: string; kind: string };
  referrers: FieldSpec[];
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_HOLDERS: FieldSpec[] = [
  { path: 'spec', version: 'v1', kind: 'Pod' },
  { path: 'template/spec', kind: 'PodTemplate' },
  { path: 'spec/template/spec', kind: 'Deployment' },
  { path: 'spec/template/spec', kind: 'ReplicaSet' },
  { path: 'spec/template/spec', kind: 'DaemonSet' },
  { path: 'spec/template/spec', kind: 'StatefulSet' },
  { path: 'spec/template/spec', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/template/spec', kind: 'CronJob' },
];

const inPodSpecs = (paths: string[], holders = POD_SPEC_HOLDERS): FieldSpec[] =>
  holders.flatMap((holder) => paths.map((path) => ({ ...holder, path: `${holder.path}/${path}` })));

const CONFIG_MAP_IN_POD = [
  'volumes/configMap/name',
  'containers/env/valueFrom/configMapKeyRef/name',
  'initContainers/env/valueFrom/configMapKeyRef/name',
  'containers/envFrom/configMapRef/name',
  'initContainers/envFrom/configMapRef/name',
  'volumes/projected/sources/configMap/name',
];

const SECRET_IN_POD = [
  'volumes/secret/secretName',
  'containers/env/valueFrom/secretKeyRef/name',
  'initContainers/env/valueFrom/secretKeyRef/name',
  'containers/envFrom/secretRef/name',
  'initContainers/envFrom/secretRef/name',
  'imagePullSecrets/name',
  'volumes/projected/sources/secret/name',
];

/** Holders of a pod spec that kustomize lists for service accounts, claims and priority classes. */
const WORKLOAD_POD_SPECS: FieldSpec[] = [
  { path: 'spec', kind: 'Pod' },
  { path: 'spec/template/spec', kind: 'StatefulSet' },
  { path: 'spec/template/spec', kind: 'Deployment' },
  { path: 'spec/template/spec', kind: 'ReplicationController' },
  { path: 'spec/jobTemplate/spec/template/spec', kind: 'CronJob' },
  { path: 'spec/template/spec', kind: 'Job' },
  { path: 'spec/template/spec', kind: 'DaemonSet' },
];

const scaleTarget = (kind: string): NameReferenceRule => ({ referral: { kind }, referrers: [{ path: 'spec/scaleTargetRef/name', kind: 'HorizontalPodAutoscaler' }] });

export const NAME_REFERENCE_RULES: NameReferenceRule[] = [
  scaleTarget('Deployment'),
  scaleTarget('ReplicationController'),
  scaleTarget('ReplicaSet'),
  scaleTarget('StatefulSet'),
  {
    referral: { version: 'v1', kind: 'ConfigMap' },
    referrers: [
      ...inPodSpecs(CONFIG_MAP_IN_POD),
      { path: 'spec/configSource/configMap', kind: 'Node' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', kind: 'Ingress' },
    ],
  },
  {
    referral: { version: 'v1', kind: 'Secret' },
    referrers: [
      ...inPodSpecs(SECRET_IN_POD),
      { path: 'spec/tls/secretName', kind: 'Ingress' },
      { path: 'metadata/annotations/ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', kind: 'Ingress' },
      { path: 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', kind: 'Ingress' },
      { path: 'imagePullSecrets/name', kind: 'ServiceAccount' },
      { path: 'parameters/secretName', kind: 'StorageClass' },
      { path: 'parameters/adminSecretName', kind: 'StorageClass' },
      { path: 'parameters/userSecretName', kind: 'StorageClass' },
      { path: 'parameters/secretRef', kind: 'StorageClass' },
      { path: 'rules/resourceNames', kind: 'Role' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
      { path: 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name', group: 'serving.knative.dev', version: 'v1', kind: 'Service' },
      { path: 'spec/azureFile/secretName', kind: 'PersistentVolume' },
    ],
  },
  {
    referral: { version: 'v1', kind: 'Service' },
    referrers: [
      { path: 'spec/serviceName', group: 'apps', kind: 'StatefulSet' },
      { path: 'spec/rules/http/paths/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/backend/serviceName', kind: 'Ingress' },
      { path: 'spec/rules/http/paths/backend/service/name', kind: 'Ingress' },
      { path: 'spec/defaultBackend/service/name', kind: 'Ingress' },
      { path: 'spec/service/name', group: 'apiregistration.k8s.io', kind: 'APIService' },
      { path: 'webhooks/clientConfig/service', group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
      { path: 'webhooks/clientConfig/service', group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
      { path: 'spec/rules/backendRefs/name', kind: 'HTTPRoute' },
    ],
  },
  { referral: { group: 'rbac.authorization.k8s.io', kind: 'Role' }, referrers: [{ path: 'roleRef/name', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' }] },
  {
    referral: { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
    referrers: [
      { path: 'roleRef/name', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
      { path: 'roleRef/name', group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
    ],
  },
  {
    referral: { version: 'v1', kind: 'ServiceAccount' },
    referrers: [
      { path: 'subjects', group: 'rbac.authorization.k8s.io', kind: 'RoleBinding' },
      { path: 'subjects', group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
      ...inPodSpecs(['serviceAccountName'], WORKLOAD_POD_SPECS),
    ],
  },
  { referral: { version: 'v1', kind: 'PersistentVolumeClaim' }, referrers: inPodSpecs(['volumes/persistentVolumeClaim/claimName'], WORKLOAD_POD_SPECS) },
  {
    referral: { version: 'v1', kind: 'PersistentVolume' },
    referrers: [
      { path: 'spec/volumeName', kind: 'PersistentVolumeClaim' },
      { path: 'rules/resourceNames', kind: 'ClusterRole' },
    ],
  },
  {
    referral: { version: 'v1', group: 'storage.k8s.io', kind: 'StorageClass' },
    referrers: [
      { path: 'spec/storageClassName', kind: 'PersistentVolume' },
      { path: 'spec/storageClassName', kind: 'PersistentVolumeClaim' },
      { path: 'spec/volumeClaimTemplates/spec/storageClassName', kind: 'StatefulSet' },
    ],
  },
  { referral: { version: 'v1', group: 'scheduling.k8s.io', kind: 'PriorityClass' }, referrers: inPodSpecs(['priorityClassName'], WORKLOAD_POD_SPECS) },
  // kustomize writes this rule's group as "networking.k8s.io/v1", which matches no object; kept so.
  { referral: { version: 'v1', group: 'networking.k8s.io/v1', kind: 'IngressClass' }, referrers: [{ path: 'spec/ingressClassName', kind: 'Ingress' }] },
];
