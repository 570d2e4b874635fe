import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `kcc synth` end to end, through the built CLI (needs `npm run build`).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string): string => `test/unit/synth/fixtures/${name}`;

/** Programs that must not sit in the repository (they would fail the project's own type check). */
function brokenProgram(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-broken-')), name);
  writeFileSync(file, text);
  return file;
}

function synth(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node', ['bin/kcc.js', 'synth', ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneCleanError(result: ReturnType<typeof synth>, pattern: RegExp): void {
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('kcc synth', () => {
  it('reports each error at the user code that wrote the object: a subclass, a helper, a kcc-plus construct', () => {
    const result = synth('-a', fixture('creation-sites.ts'), '--stdout');
    expect(result.status).toBe(1);
    const file = fixture('creation-sites.ts');
    expect(result.stderr).toMatch(new RegExp(`${file}:8:\\d+: Deployment/sites-subclass-\\w+: .*bogusField`));
    expect(result.stderr).toMatch(new RegExp(`${file}:13:\\d+: ConfigMap/sites-from-helper-\\w+: data\\.a`));
    expect(result.stderr).toMatch(new RegExp(`${file}:20:\\d+: Deployment/sites-plus-\\w+: spec\\.replicas`));
  });

  it('writes one file per chart, replacing the output directory as a whole', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kcc-synth-')), 'dist');
    expect(synth('-a', fixture('good.ts'), '--out', out).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.kcc-synth', 'first.k8s.yaml', 'second.k8s.yaml']);
    expect(readFileSync(join(out, 'first.k8s.yaml'), 'utf8')).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: first\ndata:\n  a: "1"\n');
    expect(synth('-a', fixture('good.ts'), '--out', out, '--single-file').status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.kcc-synth', 'app.k8s.yaml']);
  });

  it('prints JSON to stdout', () => {
    const result = synth('-a', fixture('good.ts'), '--stdout', '--output', 'json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'List', items: [{ metadata: { name: 'first' } }, { metadata: { name: 'second' } }] });
  });

  it('leaves the previous output untouched when the program fails', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kcc-synth-')), 'dist');
    synth('-a', fixture('good.ts'), '--out', out);
    const before = readFileSync(join(out, 'first.k8s.yaml'), 'utf8');
    expectOneCleanError(synth('-a', fixture('duplicate.ts'), '--out', out), /ConfigMap\/settings is defined twice/);
    expect(readFileSync(join(out, 'first.k8s.yaml'), 'utf8')).toBe(before);
    expect(readdirSync(join(out, '..'))).toEqual(['dist']);
  });

  it('refuses to replace a directory it did not write', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-synth-'));
    expectOneCleanError(synth('-a', fixture('good.ts'), '--out', join(root, 'src')), /was not written by kcc synth/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a program that throws: the user line', () => {
    expectOneCleanError(synth('-a', fixture('throws.ts'), '--stdout'), /fixtures\/throws\.ts:6:\d+: the program threw Error: replicas must be a number/);
  });

  it('a syntax error: file:line:column from the transpiler', () => {
    const program = brokenProgram('syntax-error.ts', "import { App } from 'kcc';\n\nconst app = new App(;\n");
    expectOneCleanError(synth('-a', program, '--stdout'), /syntax-error\.ts:3:\d+: TS1005: '\)' expected/);
  });

  it('a type error with --typecheck', () => {
    const program = brokenProgram(
      'type-error.ts',
      "import { App, Chart } from 'kcc';\nimport * as k8s from 'kcc/k8s';\n\nconst app = new App();\nconst chart = new Chart(app, 'main');\nnew k8s.ConfigMap(chart, 'config', { data: { replicas: 3 } });\n",
    );
    expectOneCleanError(synth('-a', program, '--stdout', '--typecheck'), /type-error\.ts:6:\d+: TS2322: Type 'number' is not assignable to type 'string'/);
  });

  it('a missing required field: the object, the field, the line that created it', () => {
    expectOneCleanError(synth('-a', fixture('missing-field.ts'), '--stdout'), /fixtures\/missing-field\.ts:7:1: Deployment\/web: spec\.selector: missing required field/);
  });

  it('a duplicate name: both locations', () => {
    expectOneCleanError(synth('-a', fixture('duplicate.ts'), '--stdout'), /duplicate\.ts:6:1 and at .*duplicate\.ts:7:1/);
  });

  it('malformed YAML in an Include: the YAML file, line and column', () => {
    expectOneCleanError(synth('-a', fixture('bad-include.ts'), '--stdout'), /fixtures\/malformed\.yaml:4:1: malformed YAML: Tabs are not allowed/);
  });

  it('a missing program', () => {
    expectOneCleanError(synth('-a', fixture('nope.ts'), '--stdout'), /program .*nope\.ts not found/);
  });
});
