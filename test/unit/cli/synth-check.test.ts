import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOutputDir, isCurrent } from '../../../src/project/check-output.js';
import { renderManifests } from '../../../src/core/manifest-output.js';

// The built CLI (needs `npm run build`), as CI runs it: `synth` starts through the fast path, and
// `--help` through oclif, so both parsers must know --check.
const KCC = fileURLToPath(new URL('../../../bin/kcc.js', import.meta.url));

function kcc(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [KCC, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

/** Every file under dir with its bytes and mtime: --check must leave all of it as it was. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, `${statSync(join(dir, name)).mtimeMs} ${readFileSync(join(dir, name), 'base64')}`]));
}

const PROGRAM = (replicas: number) => `import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';
const app = new App();
const web = new Chart(app, 'web');
new k8s.ConfigMap(web, 'settings', { metadata: { name: 'settings' }, data: { replicas: '${replicas}' } });
const db = new Chart(app, 'db');
new k8s.ConfigMap(db, 'db', { metadata: { name: 'db' }, data: { engine: 'postgres' } });
`;

describe('kcc synth --check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kcc-synth-check-'));
    writeFileSync(join(dir, 'main.ts'), PROGRAM(1));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails listing every file as missing when nothing was committed, and creates nothing', () => {
    const run = kcc(dir, 'synth', '-a', 'main.ts', '--check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('missing (would be written):');
    expect(run.stderr).toMatch(/^ {4}dist\/web\.k8s\.yaml$/m);
    expect(run.stderr).toMatch(/^ {4}dist\/db\.k8s\.yaml$/m);
    expect(run.stderr).toMatch(/hint: run the same kcc synth command without --check and commit dist\//);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });

  it('passes on the output synth just wrote, and touches no file', () => {
    expect(kcc(dir, 'synth', '-a', 'main.ts').status).toBe(0);
    const before = snapshot(join(dir, 'dist'));
    const run = kcc(dir, 'synth', '-a', 'main.ts', '--check');
    expect(run.stderr).toBe('dist/ is current (2 files)\n');
    expect(run.status).toBe(0);
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
  });

  it('names the stale file after the program changes, and only that one', () => {
    writeFileSync(join(dir, 'main.ts'), PROGRAM(3));
    const before = snapshot(join(dir, 'dist'));
    const run = kcc(dir, 'synth', '-a', 'main.ts', '--check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stale (content differs):\n    dist/web.k8s.yaml\n');
    expect(run.stderr).not.toContain('dist/db.k8s.yaml');
    expect(snapshot(join(dir, 'dist'))).toEqual(before);
    // Re-synthesizing (what the hint says) makes it current again.
    expect(kcc(dir, 'synth', '-a', 'main.ts').status).toBe(0);
    expect(kcc(dir, 'synth', '-a', 'main.ts', '--check').status).toBe(0);
  });

  it('compares bytes: a whitespace-only edit is stale; extra and deleted files are listed', () => {
    const out = join(dir, 'dist');
    writeFileSync(join(out, 'db.k8s.yaml'), `${readFileSync(join(out, 'db.k8s.yaml'), 'utf8')}\n`);
    rmSync(join(out, 'web.k8s.yaml'));
    writeFileSync(join(out, 'old-chart.k8s.yaml'), 'kind: ConfigMap\n');
    mkdirSync(join(out, 'leftovers'));
    const run = kcc(dir, 'synth', '-a', 'main.ts', '--check');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('stale (content differs):\n    dist/db.k8s.yaml\n');
    expect(run.stderr).toContain('missing (would be written):\n    dist/web.k8s.yaml\n');
    expect(run.stderr).toContain('extra (would be deleted):\n    dist/leftovers/\n    dist/old-chart.k8s.yaml\n');
    expect(existsSync(join(out, 'old-chart.k8s.yaml'))).toBe(true);
  });

  it('checks the layout the other flags choose (--single-file, -o json, --out)', () => {
    expect(kcc(dir, 'synth', '-a', 'main.ts', '--single-file', '-o', 'json', '--out', 'rendered').status).toBe(0);
    expect(kcc(dir, 'synth', '-a', 'main.ts', '--single-file', '-o', 'json', '--out', 'rendered', '--check').status).toBe(0);
    const perChart = kcc(dir, 'synth', '-a', 'main.ts', '--out', 'rendered', '--check');
    expect(perChart.status).toBe(1);
    expect(perChart.stderr).toContain('extra (would be deleted):\n    rendered/app.k8s.json\n');
  });

  it('refuses --stdout, and is listed in the oclif help', () => {
    const both = kcc(dir, 'synth', '-a', 'main.ts', '--check', '--stdout');
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/--check .* cannot be combined with --stdout/);
    expect(both.stdout).toBe('');
    const help = kcc(dir, 'synth', '--help');
    expect(help.stdout).toMatch(/--check\s+write nothing; exit 1/);
  });
});

describe('compareOutputDir', () => {
  it('calls a non-empty directory without the synth marker foreign (synth would refuse it)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'kcc-foreign-'));
    try {
      writeFileSync(join(out, 'index.js'), 'build output');
      const files = renderManifests([{ name: 'web', objects: [] }]);
      const drift = await compareOutputDir(out, files);
      expect(drift.foreign).toBe(true);
      expect(isCurrent(drift)).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
