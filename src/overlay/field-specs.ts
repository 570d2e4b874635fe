import type { FieldSpec } from './kustomization-types.js';

/**
 * Where kustomize's built-in transformers write, as data (checked against kustomize v5.5's
 * builtin plugin configuration). Each list is read top to bottom for every object.
 */

/** Pod-template holders and the path to their template's metadata. */
const TEMPLATE_METADATA: FieldSpec[] = [
  { path: 'spec/template/metadata', version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/template/metadata', kind: 'Deployment' },
  { path: 'spec/template/metadata', kind: 'ReplicaSet' },
  { path: 'spec/template/metadata', kind: 'DaemonSet' },
  { path: 'spec/template/metadata', group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/volumeClaimTemplates[]/metadata', group: 'apps', kind: 'StatefulSet' },
  { path: 'spec/template/metadata', group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/metadata', group: 'batch', kind: 'CronJob' },
  { path: 'spec/jobTemplate/spec/template/metadata', group: 'batch', kind: 'CronJob' },
];

const under = (specs: FieldSpec[], leaf: string, create: boolean): FieldSpec[] => specs.map((spec) => ({ ...spec, path: `${spec.path}/${leaf}`, create }));

/** Labels on the object and on the objects it stamps out (pod templates, claim templates). */
export const METADATA_LABELS: FieldSpec[] = [{ path: 'metadata/labels', create: true }, ...under(TEMPLATE_METADATA, 'labels', true)];

/** `labels[].includeTemplates`: template labels without touching selectors. */
export const TEMPLATE_LABELS: FieldSpec[] = under(TEMPLATE_METADATA, 'labels', true);

const AFFINITY_SELECTORS = [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
];

/** commonLabels (and labels with includeSelectors): metadata, templates and selectors. */
export const COMMON_LABELS: FieldSpec[] = [
  { path: 'spec/selector', create: true, version: 'v1', kind: 'Service' },
  { path: 'spec/selector', create: true, version: 'v1', kind: 'ReplicationController' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'Deployment' },
  ...AFFINITY_SELECTORS.map((path) => ({ path, create: false, group: 'apps', kind: 'Deployment' })),
  { path: 'spec/selector/matchLabels', create: true, kind: 'ReplicaSet' },
  { path: 'spec/selector/matchLabels', create: true, kind: 'DaemonSet' },
  { path: 'spec/selector/matchLabels', create: true, group: 'apps', kind: 'StatefulSet' },
  ...AFFINITY_SELECTORS.map((path) => ({ path, create: false, group: 'apps', kind: 'StatefulSet' })),
  { path: 'spec/selector/matchLabels', create: false, group: 'batch', kind: 'Job' },
  { path: 'spec/jobTemplate/spec/selector/matchLabels', create: false, group: 'batch', kind: 'CronJob' },
  { path: 'spec/selector/matchLabels', create: false, group: 'policy', kind: 'PodDisruptionBudget' },
  { path: 'spec/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/ingress/from/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { path: 'spec/egress/to/podSelector/matchLabels', create: false, group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  ...METADATA_LABELS,
];

/** commonAnnotations: the object and its templates (never selectors). */
export const COMMON_ANNOTATIONS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  ...under(TEMPLATE_METADATA.filter((spec) => !spec.path.includes('volumeClaimTemplates')), 'annotations', true),
];

/** Kinds whose name never gets namePrefix/nameSuffix. */
export const NAME_AFFIX_SKIP: Pick<FieldSpec, 'group' | 'kind'>[] = [
  { kind: 'CustomResourceDefinition' },
  { group: 'apiregistration.k8s.io', kind: 'APIService' },
  { kind: 'Namespace' },
];

/**
 * Fields that name a namespace and follow the kustomization's `namespace`, besides metadata.
 * (Webhook configurations' services are not here: they follow their Service through name
 * references, and keep a namespace that names another one.)
 */
export const NAMESPACE_REFERENCES: FieldSpec[] = [
  { path: 'spec/service/namespace', group: 'apiregistration.k8s.io', kind: 'APIService' },
  { path: 'spec/conversion/webhook/clientConfig/service/namespace', group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
];

/** `replicas`: which kinds have a replica count, and where. */
export const REPLICAS: FieldSpec[] = [
  { path: 'spec/replicas', create: true, kind: 'Deployment' },
  { path: 'spec/replicas', create: true, kind: 'ReplicationController' },
  { path: 'spec/replicas', create: true, kind: 'ReplicaSet' },
  { path: 'spec/replicas', create: true, kind: 'StatefulSet' },
];
