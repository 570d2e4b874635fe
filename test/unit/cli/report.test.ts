import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKcc } from '../../helpers/run-kcc.js';

function overlayWithStrayPatch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-report-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n');
  writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [cm.yaml]\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n    - op: remove\n      path: /spec/replicas\n');
  return dir;
}

describe('--report on commands whose output is manifests', () => {
  it('kcc build --report sarif writes the warnings with file and line, and the manifests still go to stdout', async () => {
    const dir = overlayWithStrayPatch();
    const report = join(dir, 'build.sarif');
    const run = await runKcc(['build', dir, '--report', 'sarif', '--report-file', report]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('name: settings');
    const sarif = JSON.parse(readFileSync(report, 'utf8'));
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({ level: 'warning', ruleId: 'build-warning' });
    expect(result.message.text).toContain('matches nothing');
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
  });

  it('a failing build still writes its report, with the error, and exits 1', async () => {
    const dir = overlayWithStrayPatch();
    const run = await runKcc(['build', dir, '--strict', '--report', 'github']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^::error file=.*kustomization\.yaml,line=3.*matches nothing/m);
  });
});
