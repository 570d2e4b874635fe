/**
 * The kustomization fields kcc reads, as data: each field's shape. The loader rejects any field not
 * listed here, so a typo or an unsupported kustomize feature is an error, never silently ignored.
 */
export type FieldShape =
  | { type: 'string' | 'scalar' | 'boolean' | 'integer' | 'any' | 'stringMap' }
  | { type: 'list'; items: FieldShape }
  | { type: 'object'; fields: Record<string, FieldShape> }
  | { type: 'stringOrObject'; object: FieldShape };

const string: FieldShape = { type: 'string' };
const scalar: FieldShape = { type: 'scalar' };
const boolean: FieldShape = { type: 'boolean' };
const integer: FieldShape = { type: 'integer' };
const stringMap: FieldShape = { type: 'stringMap' };
const strings: FieldShape = { type: 'list', items: string };
const object = (fields: Record<string, FieldShape>): FieldShape => ({ type: 'object', fields });
const list = (items: FieldShape): FieldShape => ({ type: 'list', items });

const selector = object({
  group: string,
  version: string,
  kind: string,
  name: string,
  namespace: string,
  labelSelector: string,
  annotationSelector: string,
});

const generatorOptions = object({ labels: stringMap, annotations: stringMap, disableNameSuffixHash: boolean, immutable: boolean });

const generatorArgs = {
  name: string,
  namespace: string,
  behavior: string,
  literals: strings,
  files: strings,
  envs: strings,
  env: string,
  options: generatorOptions,
};

const varObjectRef = object({ apiVersion: string, group: string, version: string, kind: string, name: string, namespace: string });

const fieldSpec = object({ path: string, create: boolean, group: string, version: string, kind: string });

const replacementSource = object({
  group: string,
  version: string,
  kind: string,
  name: string,
  namespace: string,
  fieldPath: string,
  options: object({ delimiter: string, index: integer, create: boolean }),
});

const replacementTarget = object({
  select: selector,
  reject: list(selector),
  fieldPaths: strings,
  options: object({ delimiter: string, index: integer, create: boolean }),
});

export const REPLACEMENT_SHAPE: FieldShape = object({ source: replacementSource, targets: list(replacementTarget) });

export const KUSTOMIZATION_FIELDS: FieldShape = object({
  apiVersion: string,
  kind: string,
  metadata: object({ name: string, namespace: string, labels: stringMap, annotations: stringMap }),
  resources: strings,
  bases: strings,
  components: strings,
  namespace: string,
  namePrefix: string,
  nameSuffix: string,
  commonLabels: stringMap,
  commonAnnotations: stringMap,
  labels: list(object({ pairs: stringMap, includeSelectors: boolean, includeTemplates: boolean, fields: list(fieldSpec) })),
  patches: list(object({ path: string, patch: string, target: selector, options: object({ allowNameChange: boolean, allowKindChange: boolean }) })),
  patchesStrategicMerge: strings,
  patchesJson6902: list(object({ target: selector, path: string, patch: string })),
  images: list(object({ name: string, newName: string, newTag: scalar, digest: string, tagSuffix: string })),
  replicas: list(object({ name: string, count: integer })),
  configMapGenerator: list(object(generatorArgs)),
  secretGenerator: list(object({ ...generatorArgs, type: string })),
  generatorOptions,
  replacements: list(object({ path: string, source: replacementSource, targets: list(replacementTarget) })),
  configurations: strings,
  crds: strings,
  openapi: object({ path: string, version: string }),
  vars: list(object({ name: string, objref: varObjectRef, fieldref: object({ fieldpath: string }) })),
  generators: strings,
  transformers: strings,
  sortOptions: object({ order: string, legacySortOptions: object({ orderFirst: strings, orderLast: strings }) }),
  helmGlobals: object({ chartHome: string, configHome: string }),
  helmCharts: list(
    object({
      name: string,
      version: string,
      digest: string,
      repo: string,
      releaseName: string,
      namespace: string,
      additionalValuesFiles: strings,
      valuesFile: string,
      valuesInline: { type: 'any' },
      valuesMerge: string,
      includeCRDs: boolean,
      skipHooks: boolean,
      apiVersions: strings,
      kubeVersion: string,
      nameTemplate: string,
      skipTests: boolean,
      debug: boolean,
      devel: boolean,
    }),
  ),
});

/** kustomize fields kcc knows and refuses, with the reason shown to the user. */
export const UNSUPPORTED_FIELDS: Record<string, string> = {
  validators: 'validator plugins are not supported',
  helmChartInflationGenerator: 'the deprecated helmChartInflationGenerator field is not read; write the charts under helmCharts (with helmGlobals.chartHome)',
  buildMetadata: 'buildMetadata annotations are not supported',
  imageTags: 'imageTags was renamed images',
};

