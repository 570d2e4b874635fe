import { readFileSync, statSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCachedScript } from '../core/code-cache.js';

/**
 * Loads dist/bundles/<name>.cjs (scripts/bundle.js) through the V8 code cache, as Node would
 * load a CommonJS module; undefined when there is no bundle (running from source).
 */
// Node's own wrapper for CommonJS source (not exported as a named ESM binding).
const wrapCommonJs = (Module as unknown as { wrap(source: string): string }).wrap;

export function loadBundle(name: string): Record<string, unknown> | undefined {
  const file = fileURLToPath(new URL(`../bundles/${name}.cjs`, import.meta.url));
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return undefined;
  // Identified by size and modification time: hashing half a megabyte on every start costs more.
  const load = runCachedScript(wrapCommonJs(readFileSync(file, 'utf8')), file, `${info.size}:${info.mtimeMs}:${info.ino}`) as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} as Record<string, unknown> };
  load.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}
