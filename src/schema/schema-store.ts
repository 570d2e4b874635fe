import { createHash } from 'node:crypto';
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

/**
 * Every kind's schema in one file, each definition once (`npm run build` writes it, see
 * builtin-validators.ts): a sixth of the per-kind files' size, parsed once per run, and the kinds
 * share their definitions' objects, so work memoised per definition (deprecated-fields.ts) is done
 * once for all kinds. Without it (running from source) each kind's file is read.
 */
export const COMBINED_SCHEMAS_FILE = join(packageRoot, 'dist', 'validators', 'builtin-schemas.json');

export interface CombinedSchemas {
  /** schemaIndexDigest() of the index the file was built from. */
  index: string;
  definitions: Record<string, JsonSchema>;
  roots: Record<string, JsonSchema>;
}

let index: SchemaIndex | undefined;
let indexDigest: string | undefined;
let combined: CombinedSchemas | null | undefined;
const schemas = new Map<string, JsonSchema>();

export function loadSchemaIndex(): SchemaIndex {
  if (index) return index;
  try {
    const text = readFileSync(join(GENERATED_SCHEMA_DIR, 'index.json'), 'utf8');
    index = JSON.parse(text) as SchemaIndex;
    indexDigest = createHash('sha256').update(text).digest('hex').slice(0, 16);
  } catch (error) {
    throw new KccError(`cannot read the Kubernetes schemas in ${GENERATED_SCHEMA_DIR}`, { hint: 'run `npm run gen` (kcc was built without its generated schemas)', cause: error });
  }
  return index;
}

/** A digest of schemas/k8s/index.json: what files built from the schemas record, to be checked against. */
export function schemaIndexDigest(): string {
  loadSchemaIndex();
  return indexDigest!;
}

function combinedSchemas(): CombinedSchemas | null {
  if (combined !== undefined) return combined;
  try {
    const read = JSON.parse(readFileSync(COMBINED_SCHEMAS_FILE, 'utf8')) as CombinedSchemas;
    combined = read.index === schemaIndexDigest() ? read : null;
  } catch {
    combined = null;
  }
  return combined;
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
  const all = combinedSchemas();
  const root = all?.roots[key];
  const schema = root ? { ...root, $defs: all!.definitions } : (JSON.parse(readFileSync(join(GENERATED_SCHEMA_DIR, entry.file), 'utf8')) as JsonSchema);
  schemas.set(key, schema);
  return schema;
}

/** The combined file's content (see COMBINED_SCHEMAS_FILE), read from schemas/k8s/. */
export function combineKindSchemas(): CombinedSchemas {
  const { kinds } = loadSchemaIndex();
  const definitions: Record<string, JsonSchema> = {};
  const roots: Record<string, JsonSchema> = {};
  for (const key of Object.keys(kinds).sort()) {
    const { $defs, ...root } = JSON.parse(readFileSync(join(GENERATED_SCHEMA_DIR, kinds[key]!.file), 'utf8')) as JsonSchema;
    for (const [name, definition] of Object.entries(($defs as Record<string, JsonSchema> | undefined) ?? {})) {
      const known = definitions[name];
      if (known && JSON.stringify(known) !== JSON.stringify(definition)) throw new Error(`definition ${name} differs between kinds`);
      definitions[name] = definition;
    }
    roots[key] = root;
  }
  return { index: schemaIndexDigest(), definitions, roots };
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
