import { relative, isAbsolute } from 'node:path';
import type { ValidationIssue } from '../schema/validation-issue.js';

/**
 * One problem a check found (validation, lint, a build warning), in the form CI systems take:
 * code scanning (SARIF 2.1.0), test reports (JUnit XML) and GitHub workflow annotations.
 */
export interface Finding {
  severity: 'error' | 'warning';
  /** Stable rule id: "wrong-type", "unknown-field", "chart-lint"... */
  rule: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export type FindingFormat = 'sarif' | 'junit' | 'github';

export const FINDING_FORMATS: readonly FindingFormat[] = ['sarif', 'junit', 'github'];

export interface ToolInfo {
  name: string;
  version: string;
  informationUri?: string;
}

export function formatFindings(format: FindingFormat, findings: Finding[], tool: ToolInfo, checked: string[] = []): string {
  if (format === 'sarif') return `${JSON.stringify(toSarif(findings, tool), null, 2)}\n`;
  if (format === 'junit') return toJUnit(findings, tool, checked);
  return toGithubAnnotations(findings);
}

// Code scanning resolves locations against the repository root: paths are written relative to
// the working directory, with forward slashes.
function portablePath(file: string): string {
  return (isAbsolute(file) ? relative(process.cwd(), file) : file).split('\\').join('/');
}

/** A SARIF 2.1.0 log with one run: the rules that fired, one result per finding. */
export function toSarif(findings: Finding[], tool: ToolInfo): object {
  const rules = [...new Set(findings.map((f) => f.rule))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, ...(tool.informationUri ? { informationUri: tool.informationUri } : {}), rules: rules.map((id) => ({ id })) } },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: rules.indexOf(f.rule),
          level: f.severity,
          message: { text: f.message },
          ...(f.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: portablePath(f.file) },
                      ...(f.line ? { region: { startLine: f.line, ...(f.column ? { startColumn: f.column } : {}) } } : {}),
                    },
                  },
                ],
              }
            : {}),
        })),
      },
    ],
  };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * JUnit XML, the report most CI systems show as test results: one test case per checked file
 * (so a clean file shows as passed), a failure per error, warnings in system-out.
 */
export function toJUnit(findings: Finding[], tool: ToolInfo, checked: string[]): string {
  const byFile = new Map<string, Finding[]>();
  for (const file of checked) byFile.set(portablePath(file), []);
  for (const f of findings) {
    const file = f.file ? portablePath(f.file) : '(input)';
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const where = (f: Finding) => `${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}`;
  const cases = [...byFile].map(([file, found]) => {
    const failures = found.filter((f) => f.severity === 'error').map((f) => `      <failure type="${xml(f.rule)}" message="${xml(f.message)}">${xml(`${file}${where(f)}: ${f.message}`)}</failure>`);
    const warnings = found.filter((f) => f.severity === 'warning').map((f) => `${file}${where(f)}: warning: ${f.message}`);
    const out = warnings.length ? [`      <system-out>${xml(warnings.join('\n'))}</system-out>`] : [];
    return [`    <testcase classname="${xml(tool.name)}" name="${xml(file)}">`, ...failures, ...out, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(tool.name)}" tests="${byFile.size}" failures="${errors}">`,
    `  <testsuite name="${xml(tool.name)}" tests="${byFile.size}" failures="${errors}" errors="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

// Workflow commands: data escapes %, CR and LF; property values also escape ':' and ','.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=F,line=L,col=C,title=RULE::message`, one per finding. */
export function toGithubAnnotations(findings: Finding[]): string {
  return findings
    .map((f) => {
      const properties = [f.file ? `file=${escapeProperty(portablePath(f.file))}` : '', f.line ? `line=${f.line}` : '', f.column ? `col=${f.column}` : '', `title=${escapeProperty(f.rule)}`].filter(Boolean).join(',');
      return `::${f.severity} ${properties}::${escapeData(f.message)}\n`;
    })
    .join('');
}

/** A schema validation issue as a finding: "Kind/name: field: message (hint)". */
export function issueAsFinding(issue: ValidationIssue): Finding {
  const subject = [issue.object, issue.field].filter(Boolean).join(': ');
  return {
    severity: issue.severity,
    rule: issue.code,
    message: `${subject ? `${subject}: ` : ''}${issue.message}${issue.hint ? ` (${issue.hint})` : ''}`,
    file: issue.location.file,
    line: issue.location.line,
    column: issue.location.column,
  };
}
