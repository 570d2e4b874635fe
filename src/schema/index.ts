// Schemas and validation: the generated per-kind JSON Schemas, validation of manifests against
// them, and reading YAML/JSON manifests with node positions for precise errors.
export { validateObjects } from './validate-objects.js';
export { checkReferences } from './reference-rules.js';
export { formatPath } from './issue-reporter.js';
export { readManifestText, readManifestPaths, readManifestBuffer, type ReadManifestsResult } from './read-manifests.js';
export { MAX_MANIFEST_BYTES, type SkippedPath } from './manifest-files.js';
export { formatIssue, countIssues, sortIssues, issueToKccError, type ValidationIssue, type IssueCode, type IssueSeverity } from './validation-issue.js';
export { loadSchemaIndex, loadKindSchema, findSchemaEntry, apiVersionsServing, type SchemaIndex, type SchemaIndexEntry, type JsonSchema } from './schema-store.js';
export { findRemovedApi, REMOVED_APIS, supersedingVersion, versionPriority, type RemovedApi } from './api-lifecycle.js';
export { customKindsOf, type CustomKind } from './crd-schema.js';
export { positionOf, rememberYamlOrigin } from './node-positions.js';
export { findResource, isNamespaced, registerApiResource, findResourceByKind, type ApiResource } from './api-resources.js';
