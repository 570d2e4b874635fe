import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../src/overlay/index.js';
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
const cases = readdirSync(casesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

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
