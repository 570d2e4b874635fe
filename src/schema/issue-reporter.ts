import { describeObject, type SourceLocation, type TrackedObject } from '../core/kube-object.js';
import { positionOf, sourceTextOf } from './node-positions.js';
import type { IssueCode, ValidationIssue } from './validation-issue.js';

/** Collects issues for one object, placing each at the YAML node it is about when known. */
export class IssueReporter {
  readonly issues: ValidationIssue[] = [];
  // Created with the first issue: most objects have none, and validation builds one reporter per object.
  private seen: Set<string> | undefined;
  constructor(private readonly tracked: TrackedObject) {}

  add(code: IssueCode, path: (string | number)[], message: string, options: { hint?: string; severity?: 'error' | 'warning'; at?: (string | number)[]; key?: string } = {}): void {
    const field = formatPath(path);
    const dedupe = `${code}|${field}|${message}`;
    this.seen ??= new Set<string>();
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    const object = this.tracked.object;
    const label = object && typeof object === 'object' && typeof object.kind === 'string' ? describeObject(object) : undefined;
    this.issues.push({
      severity: options.severity ?? 'error',
      code,
      message,
      ...(label ? { object: label } : {}),
      ...(field ? { field } : {}),
      location: this.locate(options.at ?? path, options.key),
      ...(options.hint ? { hint: options.hint } : {}),
    });
  }

  /** How the value at `path` was written in YAML, for hints about YAML's own conversions. */
  sourceText(path: (string | number)[]): string | undefined {
    const object = this.tracked.object;
    return typeof object === 'object' && object !== null ? sourceTextOf(object, path) : undefined;
  }

  private locate(path: (string | number)[], key?: string): SourceLocation {
    const source = this.tracked.source;
    const position = typeof this.tracked.object === 'object' && this.tracked.object !== null ? positionOf(this.tracked.object, path, key) : undefined;
    return position ? { ...source, line: position.line, column: position.column } : source;
  }
}

/** ["spec", "containers", 0, "app.kubernetes.io/name"] -> spec.containers[0]["app.kubernetes.io/name"] */
export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
