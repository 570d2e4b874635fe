import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../src/overlay/index.js';
import { helmBinary } from '../../helpers/helm-binary.js';
import { kubectlAvailable } from '../../helpers/kubectl-available.js';

/**
 * Every folder in cases/ is a kustomization built twice, by `kcc build` and by `kubectl kustomize`
 * (kustomize v5.5); both must give the same objects in the same order (compared parsed, not as
 * text: key order and quoting differ). kcc runs as the built CLI when dist/ exists (npm run build,
 * which `npm test` runs first), else as the library from source.
 */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const useCli = existsSync(join(repo, 'dist', 'cli', 'commands', 'build.js'));
const casesDir = join(fileURLToPath(new URL('.', import.meta.url)), 'cases');
const helmCasesDir = join(fileURLToPath(new URL('.', import.meta.url)), 'helm-cases');
const subdirectories = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const cases = subdirectories(casesDir);
const helmCases = subdirectories(helmCasesDir);

function normalize(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const results: { name: string; passed: boolean }[] = [];

describe.skipIf(!kubectlAvailable())('kcc build matches kubectl kustomize', () => {
  afterAll(() => {
    const passed = results.filter((r) => r.passed).length;
    console.log(`kustomize conformance (${useCli ? 'kcc build CLI' : 'library'}): ${passed}/${cases.length} kustomizations give the same objects in the same order`);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(casesDir, name);
    const expected = parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' }))
      .map((doc) => doc.toJS())
      .filter((o) => o !== null);
    const actual = useCli
      ? parseAllDocuments(execFileSync(process.execPath, [join(repo, 'bin', 'kcc.js'), 'build', dir], { encoding: 'utf8' })).map((doc) => doc.toJS())
      : (await buildKustomization(dir)).objects.map((tracked) => normalize(tracked.object));
    const ok = JSON.stringify(actual.map(describe2)) === JSON.stringify(expected.map(describe2));
    results.push({ name, passed: false });
    expect(actual.map(describe2)).toEqual(expected.map(describe2));
    expect(actual).toEqual(expected);
    results[results.length - 1]!.passed = ok;
  });
});

function describe2(object: unknown): string {
  const o = object as { kind?: string; metadata?: { namespace?: string; name?: string } };
  return `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/**
 * helm-cases/ hold kustomizations with `helmCharts`: built with --enable-helm by both tools, the same
 * helm binary rendering the charts. kcc names a release with no releaseName `release-name` where
 * kustomize asks helm for a random one, so every case names its releases.
 */
describe.skipIf(!kubectlAvailable())('kcc build --enable-helm matches kubectl kustomize --enable-helm', () => {
  it.each(helmCases)('%s', (name) => {
    const dir = join(helmCasesDir, name);
    const helm = ['--enable-helm', '--helm-command', helmBinary()];
    const parse = (text: string): unknown[] => parseAllDocuments(text).map((doc) => doc.toJS()).filter((o) => o !== null);
    const expected = parse(execFileSync('kubectl', ['kustomize', ...helm, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const actual = parse(execFileSync(process.execPath, [join(repo, 'bin', 'kcc.js'), 'build', ...helm, dir], { encoding: 'utf8' }));
    expect(actual.length).toBeGreaterThan(0);
    expect(actual.map(describe2)).toEqual(expected.map(describe2));
    expect(actual).toEqual(expected);
  });
});
