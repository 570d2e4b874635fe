import { homedir } from 'node:os';
import { join } from 'node:path';

/** kcc's per-user state: $KCC_HOME, or ~/.kcc. Clusters live in <home>/clusters/<name>/. */
export function kccHome(): string {
  return process.env.KCC_HOME || join(homedir(), '.kcc');
}

export function clustersDir(): string {
  return join(kccHome(), 'clusters');
}
