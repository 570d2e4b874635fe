import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { formatFindings, toGithubAnnotations, toJUnit, toSarif, type Finding } from '../../../src/cli/findings.js';

const require = createRequire(import.meta.url);
// A CommonJS module whose default export is the class: typed as the module under NodeNext.
const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as unknown as new (options: object) => { compile: (schema: object) => ((data: unknown) => boolean) & { errors?: unknown } };
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));

const findings: Finding[] = [
  { severity: 'error', rule: 'wrong-type', message: 'spec.replicas: must be integer', file: `${process.cwd()}/k8s/web.yaml`, line: 12, column: 13 },
  { severity: 'warning', rule: 'deprecated-field', message: 'serviceAccount is deprecated, use serviceAccountName', file: 'k8s/web.yaml', line: 30 },
  { severity: 'error', rule: 'chart-lint', message: 'values: "a<b" & 100%, done\nnext line' },
];
const tool = { name: 'kcc validate', version: '0.1.0', informationUri: 'https://example.com/kcc' };

describe('findings for CI', () => {
  it('writes SARIF 2.1.0 that the official schema accepts, with repository-relative locations', () => {
    const log = toSarif(findings, tool) as any;
    const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'wrong-type', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'k8s/web.yaml' }, region: { startLine: 12, startColumn: 13 } } }] });
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['chart-lint', 'deprecated-field', 'wrong-type']);
    expect(log.runs[0].results[2].locations).toBeUndefined();
  });

  it('writes JUnit XML with a test case per checked file, escaped', () => {
    const report = toJUnit(findings, tool, ['k8s/web.yaml', 'k8s/clean.yaml']);
    expect(report).toContain('<testsuites name="kcc validate" tests="3" failures="2">');
    expect(report).toContain('<testcase classname="kcc validate" name="k8s/clean.yaml">\n    </testcase>');
    expect(report).toContain('<failure type="wrong-type" message="spec.replicas: must be integer">k8s/web.yaml:12:13: spec.replicas: must be integer</failure>');
    expect(report).toContain('&quot;a&lt;b&quot; &amp; 100%');
    expect(report).toContain('<system-out>k8s/web.yaml:30: warning: serviceAccount is deprecated');
  });

  it('writes GitHub workflow annotations with the workflow-command escapes', () => {
    expect(toGithubAnnotations(findings).split('\n')).toEqual([
      '::error file=k8s/web.yaml,line=12,col=13,title=wrong-type::spec.replicas: must be integer',
      '::warning file=k8s/web.yaml,line=30,title=deprecated-field::serviceAccount is deprecated, use serviceAccountName',
      '::error title=chart-lint::values: "a<b" & 100%25, done%0Anext line',
      '',
    ]);
    expect(formatFindings('github', [], tool)).toBe('');
  });
});
