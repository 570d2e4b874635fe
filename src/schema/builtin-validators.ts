import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { packageRoot } from '../cluster/controlplane-pin.js';
import { runCachedScript } from '../core/code-cache.js';
import { combineKindSchemas, type JsonSchema, schemaIndexDigest } from './schema-store.js';
import { createAjv, standaloneCodeOf, withSharedDefinitions } from './schema-validator.js';

/**
 * The validators of every built-in kind, compiled by `npm run build` into one module
 * (dist/validators/builtin-kinds.cjs, scripts/build-validators.js) instead of one per kind at
 * first use. The kinds share most of their definitions (PodSpec is in nine of them), and one
 * module holds each definition's code once: a third of the code the per-kind validators add up
 * to, loaded with V8's code cache in about 20 ms, where loading the per-kind validators an input
 * needs took several hundred. Without the built module (running from source), validate-objects.ts
 * compiles per kind as before; both come from the same ajv options and schema transforms.
 */
export const BUILTIN_VALIDATORS_FILE = join(packageRoot, 'dist', 'validators', 'builtin-kinds.cjs');

const localRequire = createRequire(import.meta.url);
let loaded: Record<string, ValidateFunction> | null | undefined;

/** The built validator of a built-in apiVersion/kind, or undefined (no built module, or not in it). */
export function builtinValidator(key: string): ValidateFunction | undefined {
  if (loaded === undefined) loaded = loadBuiltModule();
  return loaded?.[key];
}

function loadBuiltModule(): Record<string, ValidateFunction> | null {
  let code: string;
  try {
    code = readFileSync(BUILTIN_VALIDATORS_FILE, 'utf8');
  } catch {
    return null;
  }
  // The stamp (first line) says which schemas it was built from: a module older than the schemas is not used.
  if (!code.startsWith(`// ${builtinSchemasStamp()}\n`)) return null;
  try {
    const module = { exports: {} as Record<string, ValidateFunction> };
    const info = statSync(BUILTIN_VALIDATORS_FILE);
    const load = runCachedScript(`(function (require, module, exports) {${code}\n})`, BUILTIN_VALIDATORS_FILE, `${info.size}:${info.mtimeMs}:${info.ino}`) as (
      require: NodeJS.Require,
      module: object,
      exports: object,
    ) => void;
    load(localRequire, module, module.exports);
    return module.exports;
  } catch {
    return null;
  }
}

/**
 * What the built module depends on, checked on every run so a module built for other schemas is
 * never used: the schema index (the Kubernetes release and every kind's file), the ajv version
 * and the transforms' version. (The build itself rebuilds on any change of a schema file.)
 */
export function builtinSchemasStamp(): string {
  const ajvVersion = (localRequire('ajv/package.json') as { version: string }).version;
  return `kcc builtin validators ${FORMAT_VERSION} ajv ${ajvVersion} schemas ${schemaIndexDigest()}`;
}

// Bump when schema-validator.ts changes its ajv options or schema transforms.
const FORMAT_VERSION = '1';

/** The module's source: every kind of schemas/k8s/ compiled with shared definitions, exported by apiVersion/kind. */
export function compileBuiltinValidators(): string {
  const validator = createAjv();
  const registered = new Set<string>();
  const exports: Record<string, string> = {};
  const { definitions, roots } = combineKindSchemas();
  for (const key of Object.keys(roots)) {
    const schema: JsonSchema = { ...roots[key], $defs: definitions };
    const id = `kcc:kind/${key}`;
    validator.addSchema({ ...withSharedDefinitions(schema, validator, registered), $id: id });
    exports[key] = id;
  }
  return `// ${builtinSchemasStamp()}\n${standaloneCodeOf(validator, exports)}`;
}
