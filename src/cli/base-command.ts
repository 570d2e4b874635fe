// Subpath imports: the package index loads every oclif module (help, ux...) on each start.
import { Command } from '@oclif/core/command';
import * as Flags from '@oclif/core/flags';
import { createRequire } from 'node:module';
import { isKccError } from '../core/errors.js';

const requireModule = createRequire(import.meta.url);

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
    if (format === 'json') process.stdout.write(JSON.stringify(data, null, 2) + '\n');
    // Loaded on demand: most runs print text or JSON, and every start-up millisecond counts.
    else if (format === 'yaml') process.stdout.write((requireModule('yaml') as typeof import('yaml')).stringify(data));
    else {
      const text = renderText();
      if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    }
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number } }): Promise<unknown> {
    if (isKccError(error)) {
      process.stderr.write(`error: ${error.format()}\n`);
      process.exitCode = error.exitCode;
      return this.exit(error.exitCode);
    }
    // oclif's own errors (bad flags, exit()) carry their exit code and a readable message.
    if (error.oclif) return super.catch(error);
    if ((error as NodeJS.ErrnoException).code === 'EEXIT') return super.catch(error);
    process.stderr.write(`error: ${error.message}\n`);
    if (process.env.KCC_DEBUG) process.stderr.write(`${error.stack}\n`);
    return this.exit(2);
  }
}
