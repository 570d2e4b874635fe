import { join } from 'node:path';
import { buildGoBinary } from '../../core/go-build.js';
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
  const pin = readKubernetesPin();
  return buildGoBinary(
    {
      what: `the control plane (Kubernetes ${pin.kubernetes})`,
      moduleDir: controlplaneDir,
      packagePath: './cmd/kcc-controlplane',
      target: controlplaneBinaryPath(),
      ldflags: versionLdflags(pin.kubernetes),
      buildingDetail: 'the first build takes 6-15 minutes on 2 cores; later runs reuse it',
      missingGoHint: 'install Go 1.26+ and make sure `go` is on PATH',
      showGoOutput: true,
    },
    options,
  );
}
