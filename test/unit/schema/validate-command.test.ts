import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const fixtures = join('test', 'fixtures', 'validate');

// Runs the built CLI (npm test builds first), as a user would.
function kcc(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return kccWithInput(undefined, ...args);
}

function kccWithInput(input: string | undefined, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'kcc.js'), ...args], { cwd: root, encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('kcc validate', () => {
  it('reports every problem of the course manifests with file:line:column and a fix, exit 1, no stack', () => {
    const { status, stdout, stderr } = kcc('validate', fixtures);
    expect(status).toBe(1);
    const output = stdout + stderr;
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).toContain(`${fixtures}/service-tabs.yaml:7:3: error: YAML: Tabs are not allowed as indentation`);
    expect(output).toContain(`${fixtures}/deployment-no-space-after-colon.yaml:15:9: error: Deployment/nginx-deployment: spec.template.metadata.labels`);
    expect(output).toContain('write "containerPort: 8080"');
    expect(output).toContain('extensions/v1beta1 Ingress is no longer served');
    expect(output).toContain('use service.name and service.port.number');
    expect(stdout).toMatch(/7 files, 11 objects: \d+ errors, 1 warning\n$/);
  }, 60_000);

  it('exits 0 on valid input and prints JSON for CI', () => {
    const { status, stdout } = kcc('validate', join(fixtures, 'valid-app.yaml'), '--output', 'json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ files: 1, objects: 4, errors: 0, warnings: 0, issues: [] });
  }, 60_000);

  it('--crds DIR: custom resources are validated against the CRDs of a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-validate-crds-'));
    try {
      mkdirSync(join(dir, 'crds'));
      writeFileSync(
        join(dir, 'crds', 'widget.yaml'),
        'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          size: {type: integer}\n',
      );
      const widget = join(dir, 'widget.yaml');
      writeFileSync(widget, 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nsize: big\n');
      const without = kcc('validate', widget);
      expect(without.status).toBe(0);
      expect(without.stdout).toContain('no schema for Widget');
      const withCrds = kcc('validate', widget, '--crds', join(dir, 'crds'));
      expect(withCrds.status).toBe(1);
      expect(withCrds.stdout).toContain(`${widget}:5:7: error: Widget/w: size: must be integer, not string "big"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reads standard input for "-"', () => {
    const { status, stdout } = kccWithInput('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { count: 1 }\n', 'validate', '-');
    expect(status).toBe(1);
    expect(stdout).toContain('<stdin>:4:16: error: ConfigMap/a: data.count: must be string, not number 1');
  }, 60_000);

  it('says what is wrong with a missing path, without a stack', () => {
    const { status, stderr } = kcc('validate', 'no-such-file.yaml');
    expect(status).toBe(1);
    expect(stderr).toContain('no-such-file.yaml: no such file or directory');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('checks the other files when one is binary, exits 1, and names what a directory walk skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-validate-'));
    try {
      mkdirSync(join(dir, '.github'));
      writeFileSync(join(dir, '.github', 'svc.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: hidden }\n');
      writeFileSync(join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: app }\n');
      writeFileSync(join(dir, 'logo.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
      writeFileSync(join(dir, 'README.md'), '# app\n');
      const { status, stdout } = kcc('validate', dir);
      expect(status).toBe(1);
      expect(stdout.trim().split('\n')).toEqual([
        `${join(dir, 'logo.yaml')}: error: binary file, not YAML or JSON text: not read`,
        '  hint: pass only manifest files; a directory walk reads .yaml, .yml and .json files',
        `skipped ${join(dir, '.github')} (hidden: name it to validate it)`,
        'skipped 1 file that is not .yaml, .yml or .json',
        '2 files, 1 object: 1 error, 0 warnings',
      ]);
      expect(kcc('validate', join(dir, '.github')).stdout).toBe('1 file, 1 object: 0 errors, 0 warnings\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
