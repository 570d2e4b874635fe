import { KccCommand } from './base-command.js';
import type { CommandSpec, ParsedCommand } from './command-spec.js';
import { oclifArgs, oclifFlags } from './oclif-flags.js';

/**
 * The oclif command for a command whose arguments and flags are a CommandSpec and whose work is a
 * plain function: what `kcc --help`, oclif's flag errors and oclif's manifest see. The same spec
 * and function also run without oclif (fast-path.ts).
 */
export function specCommand<S extends CommandSpec>(spec: S, run: (parsed: ParsedCommand<S>) => Promise<void>): typeof KccCommand {
  return class extends KccCommand {
    static override description = spec.description;
    static override examples = [...spec.examples];
    static override strict = spec.strict ?? true;
    static override args = oclifArgs(spec.args);
    static override flags = oclifFlags(spec.flags);

    async run(): Promise<void> {
      const { args, flags, argv } = await this.parse();
      await run({ args, flags, argv: argv as string[] } as unknown as ParsedCommand<S>);
    }
  };
}
