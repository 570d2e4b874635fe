import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kccCacheDir, writeFileAtomically } from '../core/cache-dir.js';

/**
 * Compiled templates kept on disk, keyed by a hash of the template's text, its kind and the
 * Handlebars version, so a repeated render loads only Handlebars' runtime (not its compiler and
 * parser, with their source-map dependency) and skips compiling. Like the validator cache, a
 * cache that cannot be read or written only costs speed.
 */
// Bump when template-engine.ts or line-markers.ts changes what it compiles (markers, options).
const FORMAT_VERSION = '1';
const handlebarsVersion = (createRequire(import.meta.url)('handlebars/package.json') as { version: string }).version;

/** What compiling one file produced: Handlebars' precompiled JavaScript, and what the engine noted. */
export interface CompiledFile {
  /** The whole file as one template (manifest templates, NOTES.txt, a partial without defines). */
  spec?: string;
  /** The `{{#define "name"}}` blocks of a partial file. */
  named?: { name: string; spec: string }[];
  /** "line:column" of each `required` call -> the value path it checks. */
  requiredKeys: [string, string][];
}

export type CompiledKind = 'template' | 'text' | 'partial';

export function templateCacheKey(kind: CompiledKind, source: string): string {
  return createHash('sha256').update(`${FORMAT_VERSION}\0${handlebarsVersion}\0${kind}\0${source}`).digest('hex').slice(0, 32);
}

export function loadCompiledFile(key: string): CompiledFile | undefined {
  try {
    const value = JSON.parse(readFileSync(join(kccCacheDir('templates'), `${key}.json`), 'utf8')) as CompiledFile;
    return Array.isArray(value.requiredKeys) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Failures to write are ignored. */
export function storeCompiledFile(key: string, value: CompiledFile): void {
  try {
    writeFileAtomically(join(kccCacheDir('templates'), `${key}.json`), JSON.stringify(value));
  } catch {
    // A read-only home or a full disk only costs speed.
  }
}
