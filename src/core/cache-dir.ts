import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where kcc keeps one kind of derived data it can always rebuild (compiled validators, compiled
 * templates): `$KCC_CACHE_DIR/<kind>`, else `$XDG_CACHE_HOME/kcc/<kind>` or `~/.cache/kcc/<kind>`.
 */
export function kccCacheDir(kind: string): string {
  if (process.env.KCC_CACHE_DIR) return resolve(process.env.KCC_CACHE_DIR, kind);
  const base = process.env.XDG_CACHE_HOME && isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'kcc', kind);
}
