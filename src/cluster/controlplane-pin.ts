import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed package) root: src/cluster -> ../.. ; dist/cluster -> ../.. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const controlplaneDir = join(packageRoot, 'controlplane');

export interface ControlplanePin {
  /** e.g. "v1.36.3": the Kubernetes release every part of kcc targets. */
  kubernetes: string;
  etcd: string;
  kwok: string;
  /** Digest of go.mod, go.sum and the Go sources: a change means the binary must be rebuilt. */
  digest: string;
}

let cached: ControlplanePin | undefined;

/** kcc's own version, from its package.json (the CLI may run from a bundle, without oclif's config). */
export function kccVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The pin lives in one place, controlplane/go.mod; everything else (build cache directory, the
 * OpenAPI snapshot folder, generated code) is derived from it.
 */
export function readKubernetesPin(): ControlplanePin {
  if (cached) return cached;
  const goMod = readFileSync(join(controlplaneDir, 'go.mod'), 'utf8');
  const versionOf = (module: string): string => {
    const match = new RegExp(`^\\s*${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+(v\\S+)`, 'm').exec(goMod);
    if (!match) throw new Error(`controlplane/go.mod does not require ${module}`);
    return match[1]!;
  };
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'cmd/kcc-controlplane/main.go']) hash.update(readFileSync(join(controlplaneDir, file)));
  cached = {
    kubernetes: versionOf('k8s.io/kubernetes'),
    etcd: versionOf('go.etcd.io/etcd/server/v3'),
    kwok: versionOf('sigs.k8s.io/kwok'),
    digest: hash.digest('hex').slice(0, 12),
  };
  return cached;
}
