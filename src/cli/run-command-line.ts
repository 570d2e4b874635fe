import type { CommandSpec, ParsedCommand } from './command-spec.js';
import { leanParse } from './lean-parse.js';
import { reportError } from './report-error.js';

/**
 * Parses a command line against a spec and runs the command, reporting errors as every kcc
 * command does. Returns false, having run nothing, when the command line is one for oclif
 * (help, a flag error): see lean-parse.ts.
 */
export async function runCommandLine<S extends CommandSpec>(spec: S, run: (parsed: ParsedCommand<S>) => Promise<void>, argv: readonly string[]): Promise<boolean> {
  const parsed = leanParse(spec, argv);
  if (!parsed) return false;
  try {
    await run(parsed);
  } catch (error) {
    process.exitCode = reportError(error);
  }
  return true;
}
