import { isKccError, KccErrors } from '../core/errors.js';
import type { ValidationIssue } from '../schema/validation-issue.js';

interface JsonProblem {
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  hint?: string;
}

/**
 * Errors and warnings as one JSON object for tools (`--error-format json`): each with the
 * location, field and hint kcc prints in text, so an editor or CI step need not parse messages.
 */
export function errorsAsJson(errors: unknown[], warnings: ValidationIssue[]): { ok: boolean; errors: JsonProblem[]; warnings: JsonProblem[] } {
  const flat = errors.flatMap((e) => (e instanceof KccErrors ? e.errors : [e]));
  return {
    ok: flat.length === 0,
    errors: flat.map((e): JsonProblem => {
      if (!isKccError(e)) return { severity: 'error', message: e instanceof Error ? e.message : String(e) };
      return { severity: 'error', message: e.message, file: e.location?.file, line: e.location?.line, column: e.location?.column, field: e.field, hint: e.hint };
    }),
    warnings: warnings.map((w) => ({ severity: 'warning', message: w.message, file: w.location.file, line: w.location.line, column: w.location.column, field: [w.object, w.field].filter(Boolean).join(': ') || undefined, hint: w.hint })),
  };
}

/** The exit code the error would have had in text mode. */
errorsAsJson.exitCode = (error: unknown): number => (isKccError(error) ? error.exitCode : 2);
