import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildKustomization } from '../../../src/overlay/index.js';

/** `kcc build` as users run it (the built CLI: npm run build first). */
const repo = fileURLToPath(new URL('../../../', import.meta.url));
function kcc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [join(repo, 'bin', 'kcc.js'), ...args], { encoding: 'utf8' });
}

describe('kcc build', () => {
  const example = join(repo, 'overlays', 'prod');

  it('prints the same objects as the library, as YAML and as a JSON List', async () => {
    const expected = (await buildKustomization(example)).objects.map((t) => JSON.parse(JSON.stringify(t.object)));
    const yaml = kcc('build', example);
    expect(yaml.status).toBe(0);
    expect(parseAllDocuments(yaml.stdout).map((d) => d.toJS())).toEqual(expected);
    const json = kcc('build', example, '--output', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'List', items: expected });
  });

  it('exits 1 with one clear message on bad input, and honours --load-restrictor none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-build-'));
    mkdirSync(join(dir, 'overlay'));
    writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources:\n- ../cm.yaml\n');
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const refused = kcc('build', join(dir, 'overlay'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/error: .*kustomization\.yaml:2:3: resources: '\.\.\/cm\.yaml' is outside the kustomization root/);
    expect(refused.stderr).not.toContain('    at ');
    const allowed = kcc('build', join(dir, 'overlay'), '--load-restrictor', 'none');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain('name: c');
  });
});
