import type { CommandSpec, ParsedCommand } from './command-spec.js';
import { saveCodeCaches } from '../core/code-cache.js';
import { loadBundle } from './load-bundle.js';
import { runCommandLine } from './run-command-line.js';

type CommandLine = (argv: readonly string[]) => Promise<boolean>;

function commandLine<S extends CommandSpec>(spec: S, run: (parsed: ParsedCommand<S>) => Promise<void>): CommandLine {
  return (argv) => runCommandLine(spec, run, argv);
}

/**
 * The data commands that CI pipelines run over and over (and `version`, which scripts call to probe). Their spec and runner modules import no
 * oclif code, so these commands start without oclif's ~0.1 s of module loading. `template` and
 * `validate` run from their bundles (dist/bundles/*.cjs, written by `npm run build`) when there
 * are some, and so does `build` of a plain kustomization. (`synth` and a project `build` run the
 * user's program, which imports kcc's own modules: a bundle would give it a second copy of the library.)
 */
const fastCommands: Record<string, () => Promise<CommandLine>> = {
  synth: async () => commandLine((await import('./specs/synth.js')).synthSpec, (await import('./run/synth.js')).runSynth),
  template: async () => {
    const bundle = loadBundle('template') as typeof import('./bundles/template.js') | undefined;
    if (bundle) return bundle.runTemplateCommand;
    return commandLine((await import('./specs/template.js')).templateSpec, (await import('./run/template.js')).runTemplate);
  },
  build: async () => {
    const unbundled = async (): Promise<CommandLine> => commandLine((await import('./specs/build.js')).buildSpec, (await import('./run/build.js')).runBuild);
    const bundle = loadBundle('build') as typeof import('./bundles/build.js') | undefined;
    if (!bundle) return unbundled();
    return async (argv) => {
      const handled = await bundle.runBuildCommand(argv);
      return handled === 'project' ? (await unbundled())(argv) : handled;
    };
  },
  version: async () => commandLine((await import('./specs/version.js')).versionSpec, (await import('./run/version.js')).runVersion),
  validate: async () => {
    const bundle = loadBundle('validate') as typeof import('./bundles/validate.js') | undefined;
    if (bundle) return bundle.runValidateCommand;
    return commandLine((await import('./specs/validate.js')).validateSpec, (await import('./run/validate.js')).runValidate);
  },
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
  const handled = await (await load())(rest);
  // After the work: the code caches then hold every function it compiled (see code-cache.ts).
  saveCodeCaches();
  return handled;
}
