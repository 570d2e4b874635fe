import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { controlplaneDir, readKubernetesPin } from '../controlplane-pin.js';
import { kccCacheHome } from '../../core/cache-dir.js';
import type { ProgressListener } from '../provider.js';

export const BINARY_NAME = 'kcc-controlplane';

/** ~/.cache/kcc/controlplane/<k8s-version>-<digest>/: a new pin or new sources get a new folder. */
export function controlplaneCacheDir(): string {
  const pin = readKubernetesPin();
  return join(kccCacheHome(), 'controlplane', `${pin.kubernetes}-${pin.digest}`);
}

export function controlplaneBinaryPath(): string {
  return join(controlplaneCacheDir(), BINARY_NAME);
}

function versionLdflags(version: string): string {
  const [major, minor] = version.replace(/^v/, '').split('.');
  // Without these the components report v0.0.0-master, which confuses clients' version checks.
  const vars = { gitVersion: version, gitMajor: major, gitMinor: minor, gitTreeState: 'clean', buildDate: '1970-01-01T00:00:00Z' };
  const pkgs = ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'];
  return ['-s', '-w', ...pkgs.flatMap((pkg) => Object.entries(vars).map(([key, value]) => `-X ${pkg}.${key}=${value}`))].join(' ');
}

/**
 * Builds the multi-call control-plane binary with the machine's Go into the cache folder.
 * A lock file serialises concurrent builds (two `cluster up` at once); the binary appears
 * atomically, so a half-built file is never mistaken for a finished one.
 */
export async function buildControlplane(options: { onProgress?: ProgressListener; force?: boolean } = {}): Promise<string> {
  const dir = controlplaneCacheDir();
  const target = controlplaneBinaryPath();
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, '.build.lock');
  const lock = await acquireLock(lockPath);
  try {
    if (existsSync(target) && !options.force) return target;
    const pin = readKubernetesPin();
    const started = Date.now();
    options.onProgress?.({ step: `building the control plane (Kubernetes ${pin.kubernetes}) with Go`, detail: 'the first build takes 6-15 minutes on 2 cores; later runs reuse it' });
    const partial = `${target}.partial-${process.pid}`;
    await runGo(['build', '-trimpath', `-ldflags=${versionLdflags(pin.kubernetes)}`, '-o', partial, './cmd/kcc-controlplane']);
    await rename(partial, target);
    options.onProgress?.({ step: 'built the control plane', detail: target, elapsedMs: Date.now() - started });
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

function runGo(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd: controlplaneDir, stdio: ['ignore', 'inherit', 'pipe'], env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    child.on('error', (error) => reject(new KccError(`could not run go: ${error.message}`, { hint: 'install Go 1.26+ and make sure `go` is on PATH' })));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new KccError(`building the control plane failed (go exited with ${code}):\n${stderr.trim().split('\n').slice(-15).join('\n')}`, { hint: 'check that the Go module proxy is reachable and Go is 1.26 or newer' }));
    });
  });
}
