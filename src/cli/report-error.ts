import { isKccError } from '../core/errors.js';

/**
 * Prints an error the way every kcc command does (one message, no stack trace unless KCC_DEBUG)
 * and returns the exit code: the KccError's own (1 for bad input), 2 for anything unexpected.
 */
export function reportError(error: unknown): number {
  if (isKccError(error)) {
    process.stderr.write(`error: ${error.format()}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  if (process.env.KCC_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 2;
}
