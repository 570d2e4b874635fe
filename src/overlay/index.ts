export { buildKustomization, type BuildOptions, type BuildResult, type SourceResolver } from './build.js';
export { strategicMerge, DELETE } from './strategic-merge.js';
export { SchemaRegistry, type SchemaNode } from './merge-schema.js';
export { applyJsonPatch, type JsonPatchOperation } from './json-patch.js';
export { contentHash } from './content-hash.js';
export type { LoadRestrictor } from './loader.js';
export type { HelmOptions } from './helm-charts.js';
