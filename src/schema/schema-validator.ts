import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type addFormatsModule from 'ajv-formats';
import type standaloneModule from 'ajv/dist/standalone/index.js';
import type { JsonSchema } from './schema-store.js';
import { loadCachedValidator, storeCachedValidator, validatorCacheKey } from './validator-cache.js';

/**
 * One ajv instance for every schema, built on first use; validators are compiled lazily, once per
 * kind, and kept on disk (see validator-cache.ts). Each kind's file bundles its definitions, but
 * most kinds share many (a Deployment, a Job and a StatefulSet all carry PodSpec), so the bundled
 * `$defs` are registered once each under a shared id and compiled as separate functions: a second
 * Pod-carrying kind costs a fraction of the first.
 */
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction | Error>();
const registeredDefinitions = new Set<string>();

export const SHARED_DEFINITION_PREFIX = 'kcc:k8s-definitions/';
// Formats named by the Kubernetes schemas whose check is done by `pattern`, or not needed.
const PERMISSIVE_FORMATS = ['quantity', 'int-or-string', 'int32', 'int64', 'double', 'float'];

// ajv itself is loaded only when a validator must be compiled: with every validator of the
// input in the disk cache, a run never pays for it (about 0.2 s).
const lazyRequire = createRequire(import.meta.url);
let standaloneCode: typeof standaloneModule.default | undefined;

function instance(): Ajv2020 {
  ajv ??= createAjv();
  return ajv;
}

/** An ajv instance with kcc's options and formats (shared with the build of builtin-validators.ts). */
export function createAjv(): Ajv2020 {
  const { Ajv2020: AjvClass, _ } = lazyRequire('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = lazyRequire('ajv-formats') as typeof addFormatsModule;
  standaloneCode ??= (lazyRequire('ajv/dist/standalone/index.js') as typeof standaloneModule).default;
  const created = new AjvClass({
    allErrors: true,
    strict: false,
    verbose: true,
    logger: false,
    validateSchema: false,
    inlineRefs: false,
    code: { source: true, optimize: false, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats.default(created);
  for (const name of PERMISSIVE_FORMATS) {
    if (!created.formats[name]) created.addFormat(name, true);
  }
  return created;
}

function shareRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(withoutDescriptions(value)).replaceAll('"#/$defs/', `"${SHARED_DEFINITION_PREFIX}`)) as T;
}

const DATA_KEYWORDS = new Set(['default', 'enum', 'const', 'examples', 'example']);

/** Descriptions only make validators (and their cached code, which embeds schemas) bigger. */
function withoutDescriptions<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutDescriptions) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'description' && typeof item === 'string') continue;
    out[key] = DATA_KEYWORDS.has(key) ? item : withoutDescriptions(item);
  }
  return out as T;
}

/** Registers a generated kind schema's definitions (the first time each is seen) and returns its root. */
export function withSharedDefinitions(schema: JsonSchema, validator: Ajv2020 = instance(), registered: Set<string> = registeredDefinitions): JsonSchema {
  const { $defs, ...root } = schema;
  for (const [name, definition] of Object.entries(($defs as Record<string, JsonSchema> | undefined) ?? {})) {
    if (registered.has(name)) continue;
    registered.add(name);
    validator.addSchema({ ...shareRefs(definition), $id: `${SHARED_DEFINITION_PREFIX}${name}` });
  }
  return shareRefs(root);
}

/** ajv's standalone code for the schemas registered under `exports` ids (export name -> schema id). */
export function standaloneCodeOf(validator: Ajv2020, exports: Record<string, string>): string {
  return standaloneCode!(validator, exports);
}

function compile(schema: JsonSchema, sharedDefinitions: boolean, cacheKey: string): ValidateFunction {
  const validator = instance();
  const root = sharedDefinitions ? withSharedDefinitions(schema) : { ...schema, $id: undefined };
  const validate = validator.compile(root);
  try {
    storeCachedValidator(cacheKey, standaloneCode!(validator, validate));
  } catch {
    // Standalone code is an optimisation; the compiled function works without it.
  }
  return validate;
}

/**
 * The validator for a schema, cached under `key` in memory and on disk; an Error when the schema
 * cannot be compiled (a broken CRD schema is the user's problem to report, not a crash).
 */
export function validatorFor(key: string, schema: () => JsonSchema, options: { sharedDefinitions: boolean }): ValidateFunction | Error {
  const cached = compiled.get(key);
  if (cached) return cached;
  let result: ValidateFunction | Error;
  try {
    const source = schema();
    const cacheKey = validatorCacheKey(JSON.stringify(source));
    result = loadCachedValidator(cacheKey) ?? compile(source, options.sharedDefinitions, cacheKey);
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(key, result);
  return result;
}

/** The definition (io.k8s.api.networking.v1.IngressBackend) an error's parent schema is, if it is one. */
export function definitionNameOf(schema: unknown): string | undefined {
  const id = (schema as { $id?: unknown } | null)?.$id;
  return typeof id === 'string' && id.startsWith(SHARED_DEFINITION_PREFIX) ? id.slice(SHARED_DEFINITION_PREFIX.length) : undefined;
}

export type { ErrorObject };
