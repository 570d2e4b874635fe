import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** `$XDG_CACHE_HOME/kcc` or `~/.cache/kcc`: outside any repository, shared by checkouts. */
export function kccCacheHome(): string {
  const base = process.env.XDG_CACHE_HOME && isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'kcc');
}

/**
 * Where kcc keeps one kind of derived data it can always rebuild (compiled validators, compiled
 * templates, code caches, transpiled programs): `$KCC_CACHE_DIR/<kind>`, else
 * `<kccCacheHome()>/<kind>`.
 */
export function kccCacheDir(kind: string): string {
  if (process.env.KCC_CACHE_DIR) return resolve(process.env.KCC_CACHE_DIR, kind);
  return join(kccCacheHome(), kind);
}

/**
 * Writes a file whole or not at all (a temporary file, then a rename), creating its directory:
 * a reader never sees half of it, and two processes writing the same entry both leave a good one.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}
