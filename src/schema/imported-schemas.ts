import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KccError } from '../core/errors.js';
import { registerApiResource } from './api-resources.js';
import type { JsonSchema, SchemaIndexEntry } from './schema-store.js';

/**
 * Schemas of custom resources that `kcc import` generated into a project (`imports/schemas/`).
 * Each generated module registers its directory when a program imports it, so validation knows
 * the imported kinds exactly as it knows the built-in ones, with no configuration.
 */
export interface ImportedSchemaIndex {
  /** Written by `kcc import`; the format of this file. */
  format: 1;
  kinds: Record<string, ImportedSchemaEntry>;
}

export interface ImportedSchemaEntry extends SchemaIndexEntry {
  /** The REST resource name (`certificates`), for scope and path questions. */
  plural: string;
  /** The CustomResourceDefinition the kind comes from, for messages. */
  crd: string;
}

export const IMPORTED_SCHEMA_INDEX = 'index.json';

const registeredDirs = new Set<string>();
const entries = new Map<string, { dir: string; entry: ImportedSchemaEntry }>();
const schemas = new Map<string, JsonSchema>();

/** Makes the kinds of an imported schema directory known to validation (once per directory). */
export function registerImportedSchemas(dir: string | URL): void {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  if (registeredDirs.has(path)) return;
  const file = join(path, IMPORTED_SCHEMA_INDEX);
  let index: ImportedSchemaIndex;
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as ImportedSchemaIndex;
  } catch (error) {
    throw new KccError(`cannot read the imported schemas index ${file}`, { hint: 'run kcc import again to regenerate imports/', cause: error });
  }
  registeredDirs.add(path);
  for (const [key, entry] of Object.entries(index.kinds ?? {})) {
    entries.set(key, { dir: path, entry });
    const slash = key.lastIndexOf('/');
    registerApiResource({ apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), plural: entry.plural, namespaced: entry.namespaced });
  }
}

export function findImportedSchemaEntry(key: string): ImportedSchemaEntry | undefined {
  return entries.get(key)?.entry;
}

/** The schema of an imported kind, read on first use. */
export function loadImportedSchema(key: string): JsonSchema | undefined {
  const cached = schemas.get(key);
  if (cached) return cached;
  const found = entries.get(key);
  if (!found) return undefined;
  const schema = JSON.parse(readFileSync(join(found.dir, found.entry.file), 'utf8')) as JsonSchema;
  schemas.set(key, schema);
  return schema;
}
