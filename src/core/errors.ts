import { formatLocation, type SourceLocation } from './kube-object.js';

/**
 * An error caused by the user's input or environment, as opposed to a bug in kcc.
 * The CLI prints these as one clear message (location, what is wrong, how to fix it) and no stack.
 */
const KCC_ERROR = Symbol.for('kcc.KccError');

export class KccError extends Error {
  /** Marks kcc's errors across copies of this module (a bundle and the modules it was built from). */
  readonly [KCC_ERROR] = true;
  readonly location?: SourceLocation;
  readonly field?: string;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { location?: SourceLocation; field?: string; hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KccError';
    this.location = options.location;
    this.field = options.field;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }

  /** "file:line: field: message (hint)" — the one-line form the CLI prints. */
  format(): string {
    const where = formatLocation(this.location);
    const parts = [where, this.field].filter(Boolean);
    const prefix = parts.length ? `${parts.join(': ')}: ` : '';
    return `${prefix}${this.message}${this.hint ? `\n  hint: ${this.hint}` : ''}`;
  }
}

/** Several input errors found in one pass (validation, lint), reported together. */
export class KccErrors extends KccError {
  readonly errors: KccError[];

  constructor(summary: string, errors: KccError[]) {
    super(summary);
    this.name = 'KccErrors';
    this.errors = errors;
  }

  override format(): string {
    return [...this.errors.map((e) => e.format()), this.message].join('\n');
  }
}

export function isKccError(error: unknown): error is KccError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[KCC_ERROR] === true;
}
