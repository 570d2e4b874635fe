import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KccError } from './errors.js';

export interface GoBuildProgress {
  step: string;
  detail?: string;
  elapsedMs?: number;
}

export interface GoBinary {
  /** What is built, for messages: "the control plane", "the Helm template engine". */
  what: string;
  /** The Go module directory and the package in it, e.g. "./cmd/kcc-controlplane". */
  moduleDir: string;
  packagePath: string;
  /** Where the binary goes: a cache folder of its own, named by version and source digest. */
  target: string;
  ldflags: string;
  /** Shown while it builds ("once; later runs reuse it"). */
  buildingDetail: string;
  /** Shown when go cannot even be run. */
  missingGoHint: string;
  /** Let go's own output through (the control plane's long build shows what it is doing). */
  showGoOutput?: boolean;
}

/**
 * Builds a Go binary kcc ships as source into its cache folder, once. A lock file serialises
 * concurrent builds (two `kcc cluster up`, or parallel tests, at once), and the binary appears
 * atomically, so a half-built file is never mistaken for a finished one.
 */
export async function buildGoBinary(binary: GoBinary, options: { onProgress?: (event: GoBuildProgress) => void; force?: boolean } = {}): Promise<string> {
  const { target } = binary;
  if (existsSync(target) && !options.force) return target;
  await mkdir(dirname(target), { recursive: true });
  const lockPath = join(dirname(target), '.build.lock');
  const lock = await acquireLock(lockPath);
  try {
    if (existsSync(target) && !options.force) return target;
    const started = Date.now();
    options.onProgress?.({ step: `building ${binary.what} with Go`, detail: binary.buildingDetail });
    const partial = `${target}.partial-${process.pid}`;
    await runGo(binary, ['build', '-trimpath', `-ldflags=${binary.ldflags}`, '-o', partial, binary.packagePath]);
    await rename(partial, target);
    options.onProgress?.({ step: `built ${binary.what}`, detail: target, elapsedMs: Date.now() - started });
    return target;
  } finally {
    await lock.close();
    await rm(lockPath, { force: true });
  }
}

async function acquireLock(path: string): Promise<{ close(): Promise<void> }> {
  for (;;) {
    try {
      return await open(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than an hour belongs to a build that died; take it over.
      const info = await stat(path).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > 3600_000) await rm(path, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

function runGo(binary: GoBinary, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd: binary.moduleDir, stdio: ['ignore', binary.showGoOutput ? 'inherit' : 'ignore', 'pipe'], env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    child.on('error', (error) => reject(new KccError(`cannot build ${binary.what}: could not run go: ${error.message}`, { hint: binary.missingGoHint })));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new KccError(`building ${binary.what} failed (go exited with ${code}):\n${stderr.trim().split('\n').slice(-15).join('\n')}`, { hint: 'check that the Go module proxy is reachable and Go is 1.26 or newer' }));
    });
  });
}
