// Subpath imports: the package index loads every oclif module (help, ux...) on each start.
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { isKccError } from '../core/errors.js';
import { printData } from './print-data.js';
import { reportError } from './report-error.js';

/**
 * Every kcc command extends this: it turns input errors (KccError) into one clear message and the
 * error's exit code, with no stack trace, and prints data as text, JSON or YAML.
 */
export abstract class KccCommand extends Command {
  static outputFlag = {
    output: Flags.string({ char: 'o', description: 'print data in this format', options: ['text', 'json', 'yaml'], default: 'text' }),
  };

  /** True when progress can be drawn in place and colour is allowed. */
  get interactive(): boolean {
    return Boolean(process.stdout.isTTY) && !process.env.CI;
  }

  /** Prints structured data in the chosen format; `text` falls back to the given renderer. */
  printData(format: string | undefined, data: unknown, renderText: () => string): void {
    printData(format, data, renderText);
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    // oclif's own errors (bad flags, exit()) carry their exit code and a readable message.
    if (!isKccError(error) && (error.oclif || (error as NodeJS.ErrnoException).code === 'EEXIT')) return super.catch(error);
    const exitCode = reportError(error);
    process.exitCode = exitCode;
    return this.exit(exitCode);
  }
}
