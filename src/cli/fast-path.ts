import type { CommandSpec, ParsedCommand } from './command-spec.js';
import { leanParse } from './lean-parse.js';
import { reportError } from './report-error.js';

interface FastCommand {
  spec: CommandSpec;
  run(parsed: ParsedCommand<CommandSpec>): Promise<void>;
}

/**
 * The data commands that CI pipelines run over and over. Their spec and runner modules import no
 * oclif code, so these commands start without oclif's ~0.1 s of module loading.
 */
const fastCommands: Record<string, () => Promise<FastCommand>> = {
  synth: async () => ({ spec: (await import('./specs/synth.js')).synthSpec, run: (await import('./run/synth.js')).runSynth as FastCommand['run'] }),
  template: async () => ({ spec: (await import('./specs/template.js')).templateSpec, run: (await import('./run/template.js')).runTemplate as FastCommand['run'] }),
  build: async () => ({ spec: (await import('./specs/build.js')).buildSpec, run: (await import('./run/build.js')).runBuild as FastCommand['run'] }),
  validate: async () => ({ spec: (await import('./specs/validate.js')).validateSpec, run: (await import('./run/validate.js')).runValidate as FastCommand['run'] }),
};

/**
 * Runs `kcc <command> ...` without oclif when the command is one of the above and its command line
 * parses cleanly. Returns false when oclif should handle it (other commands, help, flag errors),
 * so every message about the command line itself still comes from oclif.
 */
export async function runFastPath(argv: readonly string[]): Promise<boolean> {
  const [id, ...rest] = argv;
  const load = id === undefined || !Object.hasOwn(fastCommands, id) ? undefined : fastCommands[id];
  if (!load) return false;
  const command = await load();
  const parsed = leanParse(command.spec, rest);
  if (!parsed) return false;
  try {
    await command.run(parsed);
  } catch (error) {
    process.exitCode = reportError(error);
  }
  return true;
}
