import { writeFileSync } from 'node:fs';
import { kccVersion } from '../cluster/controlplane-pin.js';
import { isKccError, type KccError } from '../core/errors.js';
import { FINDING_FORMATS, formatFindings, type Finding, type FindingFormat } from './findings.js';

/**
 * `--report sarif|junit|github [--report-file F]` for commands whose standard output is manifests
 * (`build`, `synth`): their warnings, and the errors that stopped them, as a CI report. Written
 * whether the command succeeds or fails, so a failed step still annotates the pull request.
 */
export const reportFlags = {
  report: { type: 'string', description: 'also write warnings and errors as a CI report: sarif, junit or github annotations', options: [...FINDING_FORMATS] },
  'report-file': { type: 'string', description: 'where --report writes (default: standard error)' },
} as const;

export class CommandReport {
  private readonly findings: Finding[] = [];

  constructor(
    private readonly command: string,
    private readonly format: FindingFormat | undefined,
    private readonly file: string | undefined,
  ) {}

  warning(rule: string, error: KccError): void {
    this.findings.push(asFinding('warning', rule, error));
  }

  add(finding: Finding): void {
    this.findings.push(finding);
  }

  /** An error whose findings were added already, with their own rules: not to be added again. */
  alreadyReported(error: KccError): KccError {
    this.reported.add(error);
    return error;
  }

  private readonly reported = new WeakSet<object>();

  /** Runs the command's work; its KccErrors become error findings; the report is written either way. */
  async around<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isKccError(error) && !this.reported.has(error)) {
        const errors = 'errors' in error && Array.isArray(error.errors) && error.errors.length ? (error.errors as KccError[]) : [error];
        for (const each of errors) this.findings.push(asFinding('error', 'error', each));
      }
      throw error;
    } finally {
      this.write();
    }
  }

  private write(): void {
    if (!this.format) return;
    const text = formatFindings(this.format, this.findings, { name: `kcc ${this.command}`, version: kccVersion() });
    if (this.file) writeFileSync(this.file, text);
    else process.stderr.write(text);
  }
}

function asFinding(severity: Finding['severity'], rule: string, error: KccError): Finding {
  const location = error.location;
  return {
    severity,
    rule,
    message: `${error.field ? `${error.field}: ` : ''}${error.message}${error.hint ? ` (${error.hint})` : ''}`,
    file: location?.file,
    line: location?.line,
    column: location?.column,
  };
}
