import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { kccCacheHome } from '../../core/cache-dir.js';
import { KccError } from '../../core/errors.js';
import { packageRoot } from '../../cluster/controlplane-pin.js';

export const ENGINE_BINARY_NAME = 'kcc-helm';
/** The Go module of the engine, shipped with kcc's package (go.mod, go.sum, cmd/). */
export const helmEngineDir = join(packageRoot, 'helmengine');

export interface EngineBuildProgress {
  step: string;
  detail?: string;
  elapsedMs?: number;
}

interface EnginePin {
  /** The helm.sh/helm module version from go.mod, e.g. "v4.3.2". */
  helm: string;
  /** Digest of go.mod, go.sum and the Go sources: a change means a new binary. */
  digest: string;
}

let cachedPin: EnginePin | undefined;

function readEnginePin(): EnginePin {
  if (cachedPin) return cachedPin;
  const goMod = readFileSync(join(helmEngineDir, 'go.mod'), 'utf8');
  const helm = /^\s*helm\.sh\/helm\/v\d+\s+(v\S+)/m.exec(goMod)?.[1] ?? 'unknown';
  const hash = createHash('sha256');
  const sourceDir = join(helmEngineDir, 'cmd', ENGINE_BINARY_NAME);
  const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.go')).sort();
  for (const file of ['go.mod', 'go.sum', ...sources.map((name) => join('cmd', ENGINE_BINARY_NAME, name))]) {
    hash.update(file).update('\0').update(readFileSync(join(helmEngineDir, file)));
  }
  cachedPin = { helm, digest: hash.digest('hex').slice(0, 16) };
  return cachedPin;
}

/** ~/.cache/kcc/helm-engine/<helm version>-<digest>/kcc-helm: new sources get a new folder. */
export function helmEngineBinaryPath(): string {
  if (process.env.KCC_HELM_ENGINE) return process.env.KCC_HELM_ENGINE;
  const pin = readEnginePin();
  return join(kccCacheHome(), 'helm-engine', `${pin.helm}-${pin.digest}`, ENGINE_BINARY_NAME);
}

/**
 * The engine binary, built with the machine's Go on first use (about a minute or two on 2 cores
 * with the module cache warm) and reused from kcc's cache after that. Concurrent builds are
 * serialised by a lock file and the binary appears atomically, as for the control plane.
 */
export async function ensureHelmEngine(options: { onProgress?: (event: EngineBuildProgress) => void; force?: boolean } = {}): Promise<string> {
  const target = helmEngineBinaryPath();
  if (process.env.KCC_HELM_ENGINE) {
    if (!existsSync(target)) throw new KccError(`KCC_HELM_ENGINE points at ${target}, which does not exist`, { hint: 'unset it to let kcc build the engine, or build it with `npm run build:helm-engine`' });
    return target;
  }
  if (existsSync(target) && !options.force) return target;
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  const lockPath = join(dir, '.build.lock');
  const lock = await acquireLock(lockPath);
  try {
    if (existsSync(target) && !options.force) return target;
    const pin = readEnginePin();
    const started = Date.now();
    options.onProgress?.({ step: `building the Helm template engine (helm.sh/helm ${pin.helm}) with Go`, detail: 'once; later runs reuse it from the cache' });
    const partial = `${target}.partial-${process.pid}`;
    // HelmVersion in templates (.Capabilities.HelmVersion) reads this variable.
    const ldflags = `-s -w -X helm.sh/helm/v4/internal/version.version=${pin.helm}`;
    await runGo(['build', '-trimpath', `-ldflags=${ldflags}`, '-o', partial, `./cmd/${ENGINE_BINARY_NAME}`]);
    await rename(partial, target);
    options.onProgress?.({ step: 'built the Helm template engine', detail: target, elapsedMs: Date.now() - started });
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
    const child = spawn('go', args, { cwd: helmEngineDir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.length > 20_000) stderr = stderr.slice(-20_000);
    });
    child.on('error', (error) =>
      reject(new KccError(`cannot build the Helm template engine: could not run go: ${error.message}`, { hint: 'install Go 1.26+ and make sure `go` is on PATH, or point KCC_HELM_ENGINE at a built kcc-helm binary' })),
    );
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new KccError(`building the Helm template engine failed (go exited with ${code}):\n${stderr.trim().split('\n').slice(-15).join('\n')}`, { hint: 'check that the Go module proxy is reachable and Go is 1.26 or newer' }));
    });
  });
}
