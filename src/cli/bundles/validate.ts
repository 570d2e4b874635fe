// Entry of dist/bundles/validate.cjs (scripts/bundle.js): `kcc validate`, a common CI step, in one
// file. Self-contained like the template bundle: its errors are reported by its own copy.
import { runCommandLine } from '../run-command-line.js';
import { runValidate } from '../run/validate.js';
import { validateSpec } from '../specs/validate.js';

export function runValidateCommand(argv: readonly string[]): Promise<boolean> {
  return runCommandLine(validateSpec, runValidate, argv);
}
