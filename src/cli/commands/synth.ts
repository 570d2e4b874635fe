import { KccCommand } from '../base-command.js';
import { oclifFlags } from '../oclif-flags.js';
import type { ParsedCommand } from '../command-spec.js';
import { synthSpec } from '../specs/synth.js';
import { runSynth } from '../run/synth.js';

export default class Synth extends KccCommand {
  static override description = synthSpec.description;
  static override examples = [...synthSpec.examples];
  static override flags = oclifFlags(synthSpec.flags);

  async run(): Promise<void> {
    const { args, flags, argv } = await this.parse(Synth);
    await runSynth({ args, flags, argv } as unknown as ParsedCommand<typeof synthSpec>);
  }
}
