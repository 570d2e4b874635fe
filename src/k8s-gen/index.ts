// `kcc import`: typed constructs and JSON Schemas for CustomResourceDefinitions, made by the
// generator of `src/k8s` (src/schema/generate) so imported kinds look and validate like built-in ones.
export { generateImports, IMPORTED_SCHEMA_DIR, type CrdInput, type GeneratedImports, type ImportedModule } from './generate-imports.js';
export { readCrdSources, type CrdSourceResult } from './crd-sources.js';
export { listClusterCrds } from './cluster-crds.js';
export { writeImports } from './write-imports.js';
export { importCrds, type ImportCrdsOptions, type ImportCrdsResult } from './import-crds.js';
export { crdVersionsOf, isCrd, type CrdVersion } from './crd-versions.js';
