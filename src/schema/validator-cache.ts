import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kccCacheDir, writeFileAtomically } from '../core/cache-dir.js';
import { runCachedScript } from '../core/code-cache.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Compiled validators kept on disk as ajv "standalone" code, so a later run loads a Deployment's
 * validator in milliseconds instead of compiling it again (hundreds of milliseconds). Keyed by a
 * hash of the schema and the ajv version; a cache that cannot be read or written is skipped.
 *
 * Location: `$KCC_CACHE_DIR/validators`, else `$XDG_CACHE_HOME/kcc/validators` or
 * `~/.cache/kcc/validators`.
 */
// Bump when schema-validator.ts changes its ajv options or schema transforms: cached code embeds both.
const FORMAT_VERSION = '1';
const localRequire = createRequire(import.meta.url);
const ajvVersion = (localRequire('ajv/package.json') as { version: string }).version;

function cacheDir(): string {
  return kccCacheDir('validators');
}

export function validatorCacheKey(schemaText: string): string {
  return createHash('sha256').update(`${FORMAT_VERSION}\0${ajvVersion}\0${schemaText}`).digest('hex').slice(0, 32);
}

/** The cached validator, or undefined when there is none (or it cannot be loaded). */
export function loadCachedValidator(key: string): ValidateFunction | undefined {
  let code: string;
  try {
    code = readFileSync(join(cacheDir(), `${key}.cjs`), 'utf8');
  } catch {
    return undefined;
  }
  try {
    // Standalone code is a CommonJS module requiring ajv's runtime helpers, resolved from kcc's own dependencies.
    const module = { exports: {} as Record<string, unknown> };
    // Through V8's code cache: a Deployment's validator is over half a megabyte of JavaScript.
    const load = runCachedScript(`(function (require, module, exports) {${code}\n})`, `kcc-validator-${key}.cjs`, key) as (require: NodeJS.Require, module: object, exports: object) => void;
    load(localRequire, module, module.exports);
    const validate = module.exports.default ?? module.exports;
    return typeof validate === 'function' ? (validate as ValidateFunction) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes standalone code atomically (a temporary file, then rename), ignoring failures. */
export function storeCachedValidator(key: string, code: string): void {
  try {
    writeFileAtomically(join(cacheDir(), `${key}.cjs`), code);
  } catch {
    // A read-only home or full disk only costs speed.
  }
}
