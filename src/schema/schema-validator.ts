import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './schema-store.js';

/**
 * One ajv instance for every schema, built on first use; validators are compiled lazily, once per
 * kind. Each kind's file bundles its definitions, but most kinds share many (a Deployment, a Job
 * and a StatefulSet all carry PodSpec), so the bundled `$defs` are registered once each under a
 * shared id and compiled as separate functions: a second Pod-carrying kind costs a fraction of the
 * first.
 */
let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction | Error>();
const registeredDefinitions = new Set<string>();
const definitionNames = new WeakMap<object, string>();

const SHARED_PREFIX = 'kcc:k8s-definitions/';

function instance(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ allErrors: true, strict: false, verbose: true, logger: false, validateSchema: false, inlineRefs: false, code: { optimize: false } });
  addFormats.default(ajv);
  // Formats named by the Kubernetes schemas whose check is done by `pattern`, or not needed.
  for (const name of ['quantity', 'int-or-string', 'int32', 'int64', 'double', 'float']) {
    if (!ajv.formats[name]) ajv.addFormat(name, true);
  }
  return ajv;
}

function shareRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', `"${SHARED_PREFIX}`)) as T;
}

/** Registers a generated kind schema's definitions (the first time each is seen) and returns its root. */
function withSharedDefinitions(schema: JsonSchema): JsonSchema {
  const { $defs, $id: _id, ...root } = schema;
  const validator = instance();
  for (const [name, definition] of Object.entries(($defs as Record<string, JsonSchema> | undefined) ?? {})) {
    if (registeredDefinitions.has(name)) continue;
    registeredDefinitions.add(name);
    const shared = { ...shareRefs(definition), $id: `${SHARED_PREFIX}${name}` };
    definitionNames.set(shared, name);
    validator.addSchema(shared);
  }
  return shareRefs(root);
}

/**
 * The compiled validator for a schema, cached under `key`; an Error when the schema cannot be
 * compiled (a broken CRD schema is the user's problem to report, not a crash).
 */
export function validatorFor(key: string, schema: () => JsonSchema, options: { sharedDefinitions: boolean }): ValidateFunction | Error {
  const cached = compiled.get(key);
  if (cached) return cached;
  let result: ValidateFunction | Error;
  try {
    const source = schema();
    result = instance().compile(options.sharedDefinitions ? withSharedDefinitions(source) : source);
  } catch (error) {
    result = error instanceof Error ? error : new Error(String(error));
  }
  compiled.set(key, result);
  return result;
}

/** The definition (io.k8s.api.networking.v1.IngressBackend) an error's parent schema is, if it is one. */
export function definitionNameOf(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null) return undefined;
  return definitionNames.get(schema);
}

export type { ErrorObject };
