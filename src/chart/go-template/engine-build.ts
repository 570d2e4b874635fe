import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kccCacheHome } from '../../core/cache-dir.js';
import { KccError } from '../../core/errors.js';
import { buildGoBinary } from '../../core/go-build.js';
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
  const pin = readEnginePin();
  return buildGoBinary(
    {
      what: `the Helm template engine (helm.sh/helm ${pin.helm})`,
      moduleDir: helmEngineDir,
      packagePath: `./cmd/${ENGINE_BINARY_NAME}`,
      target,
      // HelmVersion in templates (.Capabilities.HelmVersion) reads this variable.
      ldflags: `-s -w -X helm.sh/helm/v4/internal/version.version=${pin.helm}`,
      buildingDetail: 'once; later runs reuse it from the cache',
      missingGoHint: 'install Go 1.26+ and make sure `go` is on PATH, or point KCC_HELM_ENGINE at a built kcc-helm binary',
    },
    options,
  );
}
