import { homedir } from 'node:os';
import { join } from 'node:path';

/** kcc's per-user state: $KCC_HOME, or ~/.kcc. Clusters live in <home>/clusters/<name>/. */
export function kccHome(): string {
  return process.env.KCC_HOME || join(homedir(), '.kcc');
}

export function clustersDir(): string {
  return join(kccHome(), 'clusters');
}

/** Build caches: $XDG_CACHE_HOME/kcc or ~/.cache/kcc (outside the repository, shared by checkouts). */
export function kccCacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kcc');
}
