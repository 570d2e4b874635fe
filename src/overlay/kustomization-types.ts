/** The kustomization file as kcc reads it (kustomize's Kustomization and Component kinds). */

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  options?: GeneratorOptions;
  type?: string;
}

export interface FieldSpec {
  path: string;
  create?: boolean;
  group?: string;
  version?: string;
  kind?: string;
}

export interface LabelsEntry {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  fields?: FieldSpec[];
}

export interface PatchEntry {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

export interface ImageEntry {
  name?: string;
  newName?: string;
  newTag?: string | number;
  digest?: string;
  tagSuffix?: string;
}

export interface ReplacementOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

export interface Replacement {
  path?: string;
  source?: Selector & { fieldPath?: string; options?: ReplacementOptions };
  targets?: { select?: Selector; reject?: Selector[]; fieldPaths?: string[]; options?: ReplacementOptions }[];
}

/** A kustomize var: the value at `fieldref.fieldpath` (metadata.name by default) of the object `objref` names. */
export interface Var {
  name?: string;
  objref?: { kind?: string; name?: string; apiVersion?: string; group?: string; version?: string; namespace?: string };
  fieldref?: { fieldpath?: string };
}

export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  resources?: string[];
  bases?: string[];
  components?: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  labels?: LabelsEntry[];
  patches?: PatchEntry[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: { target?: Selector; path?: string; patch?: string }[];
  images?: ImageEntry[];
  replicas?: { name?: string; count?: number }[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
  replacements?: Replacement[];
  configurations?: string[];
  /** OpenAPI definition files whose x-kubernetes-* extensions add transformer configuration. */
  crds?: string[];
  /** A schema document for strategic merges of the kinds it describes. */
  openapi?: { path?: string; version?: string };
  vars?: Var[];
  generators?: string[];
  transformers?: string[];
  sortOptions?: { order?: string; legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] } };
  helmGlobals?: HelmGlobals;
  helmCharts?: HelmChartEntry[];
}

/** kustomize's HelmGlobals: where charts live (default `charts/`) and helm's config home. */
export interface HelmGlobals {
  chartHome?: string;
  configHome?: string;
}

/** One `helmCharts` entry: kustomize's HelmChart (the arguments of one `helm template`). */
export interface HelmChartEntry {
  name?: string;
  version?: string;
  digest?: string;
  repo?: string;
  releaseName?: string;
  namespace?: string;
  additionalValuesFiles?: string[];
  valuesFile?: string;
  valuesInline?: Record<string, unknown>;
  valuesMerge?: string;
  includeCRDs?: boolean;
  skipHooks?: boolean;
  apiVersions?: string[];
  kubeVersion?: string;
  nameTemplate?: string;
  skipTests?: boolean;
  debug?: boolean;
  devel?: boolean;
}
