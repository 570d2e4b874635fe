import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface PackedKcc {
  /** Absolute path of the tarball. */
  tarball: string;
  /** Paths inside the package. */
  files: string[];
}

/** `npm pack` of the built kcc (npm run build must have run) into `destination`. */
export async function packKcc(destination: string): Promise<PackedKcc> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const packed = JSON.parse(stdout)[0] as { filename: string; files: { path: string }[] };
  return { tarball: join(destination, packed.filename), files: packed.files.map((f) => f.path) };
}
