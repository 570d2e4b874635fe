import { KccCommand } from '../base-command.js';
import { oclifArgs, oclifFlags } from '../oclif-flags.js';
import type { ParsedCommand } from '../command-spec.js';
import { buildSpec } from '../specs/build.js';
import { runBuild } from '../run/build.js';

export default class Build extends KccCommand {
  static override description = buildSpec.description;
  static override examples = [...buildSpec.examples];
  static override args = oclifArgs(buildSpec.args);
  static override flags = oclifFlags(buildSpec.flags);

  async run(): Promise<void> {
    const { args, flags, argv } = await this.parse(Build);
    await runBuild({ args, flags, argv } as unknown as ParsedCommand<typeof buildSpec>);
  }
}
