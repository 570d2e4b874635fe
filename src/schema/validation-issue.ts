import { formatLocation, type SourceLocation } from '../core/kube-object.js';
import { KccError } from '../core/errors.js';

export type IssueSeverity = 'error' | 'warning';

/** Why an object (or a document) was rejected; stable codes for `--output json` and tests. */
export type IssueCode =
  | 'yaml-syntax'
  | 'unreadable-file'
  | 'duplicate-key'
  | 'not-an-object'
  | 'missing-api-version'
  | 'missing-kind'
  | 'removed-api'
  | 'unknown-api-version'
  | 'unknown-kind'
  | 'unknown-field'
  | 'missing-field'
  | 'wrong-type'
  | 'invalid-value'
  | 'deprecated-field'
  | 'duplicate-object'
  | 'dangling-reference';

/** One problem found in the input, with everything needed to find and fix it. */
export interface ValidationIssue {
  severity: IssueSeverity;
  code: IssueCode;
  message: string;
  /** "Deployment/web" or "Ingress/prod/web"; absent for problems before an object exists (YAML syntax). */
  object?: string;
  /** Dotted field path inside the object: `spec.template.spec.containers[0].ports[0]`. */
  field?: string;
  /** Where: the object's source, narrowed to the offending YAML node's line:column when known. */
  location: SourceLocation;
  hint?: string;
}

/** "file:12:5: error: Deployment/web: spec.replicas: must be integer\n  hint: ..." */
export function formatIssue(issue: ValidationIssue): string {
  const head = [formatLocation(issue.location), issue.severity, issue.object, issue.field].filter(Boolean).join(': ');
  return `${head}: ${issue.message}${issue.hint ? `\n  hint: ${issue.hint}` : ''}`;
}

export function countIssues(issues: ValidationIssue[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const issue of issues) if (issue.severity === 'error') errors++;
  return { errors, warnings: issues.length - errors };
}

/** Sorted by file, line, column, so output follows the input. */
export function sortIssues(issues: ValidationIssue[]): ValidationIssue[] {
  return [...issues].sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      (a.location.column ?? 0) - (b.location.column ?? 0),
  );
}

/** The issue as a KccError (for callers that throw, like synth): field is "Kind/name: path". */
export function issueToKccError(issue: ValidationIssue): KccError {
  const field = [issue.object, issue.field].filter(Boolean).join(': ') || undefined;
  return new KccError(issue.message, { location: issue.location, field, hint: issue.hint });
}
