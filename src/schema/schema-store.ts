import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cluster/controlplane-pin.js';
import { KccError } from '../core/errors.js';
import { findImportedSchemaEntry, loadImportedSchema } from './imported-schemas.js';

/** The index of `schemas/k8s/`: which file holds each kind's schema, and facts about the kind. */
export interface SchemaIndex {
  kubernetes: string;
  kinds: Record<string, SchemaIndexEntry>;
}

export interface SchemaIndexEntry {
  file: string;
  namespaced: boolean;
  /** The apiVersion that supersedes this pre-release one, when the group serves the kind in a more stable version. */
  deprecatedBy?: string;
}

export type JsonSchema = Record<string, unknown>;

export const GENERATED_SCHEMA_DIR = join(packageRoot, 'schemas', 'k8s');

let index: SchemaIndex | undefined;
const schemas = new Map<string, JsonSchema>();

export function loadSchemaIndex(): SchemaIndex {
  if (index) return index;
  try {
    index = JSON.parse(readFileSync(join(GENERATED_SCHEMA_DIR, 'index.json'), 'utf8')) as SchemaIndex;
  } catch (error) {
    throw new KccError(`cannot read the Kubernetes schemas in ${GENERATED_SCHEMA_DIR}`, { hint: 'run `npm run gen` (kcc was built without its generated schemas)', cause: error });
  }
  return index;
}

/** The generated JSON Schema of a built-in kind, read on first use. */
export function loadKindSchema(apiVersion: string, kind: string): JsonSchema | undefined {
  const key = `${apiVersion}/${kind}`;
  const cached = schemas.get(key);
  if (cached) return cached;
  // A kind `kcc import` generated (a built-in kind of the same name always wins).
  if (findImportedSchemaEntry(key) && !loadSchemaIndex().kinds[key]) return loadImportedSchema(key);
  const entry = loadSchemaIndex().kinds[key];
  if (!entry) return undefined;
  const schema = JSON.parse(readFileSync(join(GENERATED_SCHEMA_DIR, entry.file), 'utf8')) as JsonSchema;
  schemas.set(key, schema);
  return schema;
}

export function findSchemaEntry(apiVersion: string, kind: string): SchemaIndexEntry | undefined {
  const key = `${apiVersion}/${kind}`;
  return loadSchemaIndex().kinds[key] ?? findImportedSchemaEntry(key);
}

interface BuiltinKind {
  apiVersion: string;
  group: string;
  kind: string;
}

function builtinKinds(): BuiltinKind[] {
  return Object.keys(loadSchemaIndex().kinds).map((key) => {
    const slash = key.lastIndexOf('/');
    const apiVersion = key.slice(0, slash);
    return { apiVersion, group: apiVersion.includes('/') ? apiVersion.split('/')[0]! : '', kind: key.slice(slash + 1) };
  });
}

/** The apiVersions that serve a kind (any group), stable ones first. */
export function apiVersionsServing(kind: string): string[] {
  return builtinKinds()
    .filter((k) => k.kind === kind)
    .map((k) => k.apiVersion)
    .sort((a, b) => Number(/\/v\d+$|^v\d+$/.test(b)) - Number(/\/v\d+$|^v\d+$/.test(a)) || a.localeCompare(b));
}

/** True when the API server itself serves this group (so an unknown kind in it is a mistake, not a CRD). */
export function isBuiltinGroup(group: string): boolean {
  return builtinKinds().some((k) => k.group === group);
}

export function kindsOfGroup(group: string): string[] {
  return [...new Set(builtinKinds().filter((k) => k.group === group).map((k) => k.kind))].sort();
}
