import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';

// The built CLI (needs `npm run build`): kcc validate's reports for CI systems.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as unknown as new (options: object) => { compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown } };
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

function validate(dir: string, output: string) {
  return spawnSync(process.execPath, ['bin/kcc.js', 'validate', dir, '-o', output], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

describe('kcc validate for CI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-validate-ci-'));
  writeFileSync(join(dir, 'web.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: two\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n');
  writeFileSync(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\ndata: {a: b}\n');
  const file = relative(root, join(dir, 'web.yaml'));

  it('-o sarif is a valid SARIF 2.1.0 log locating the error, and exits 1', () => {
    const run = validate(dir, 'sarif');
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(new Ajv({ strict: false, unicodeRegExp: false }).compile(sarifSchema)(log)).toBe(true);
    expect(log.runs[0].results).toEqual([expect.objectContaining({ ruleId: 'wrong-type', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: file }, region: { startLine: 5, startColumn: 13 } } }] })]);
  });

  it('-o github annotates the line, -o junit reports every file', () => {
    expect(validate(dir, 'github').stdout).toBe(`::error file=${file},line=5,col=13,title=wrong-type::Deployment/web: spec.replicas: must be integer, not string "two"\n`);
    const junit = validate(dir, 'junit').stdout;
    expect(junit).toContain('tests="2" failures="1"');
    expect(junit).toContain(`name="${relative(root, join(dir, 'ok.yaml'))}">\n    </testcase>`);
  });
});
