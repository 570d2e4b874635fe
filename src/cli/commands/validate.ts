import { KccCommand } from '../base-command.js';
import { oclifArgs, oclifFlags } from '../oclif-flags.js';
import type { ParsedCommand } from '../command-spec.js';
import { validateSpec } from '../specs/validate.js';
import { runValidate } from '../run/validate.js';

export default class Validate extends KccCommand {
  static override description = validateSpec.description;
  static override examples = [...validateSpec.examples];
  static override strict = validateSpec.strict;
  static override args = oclifArgs(validateSpec.args);
  static override flags = oclifFlags(validateSpec.flags);

  async run(): Promise<void> {
    const { args, flags, argv } = await this.parse(Validate);
    await runValidate({ args, flags, argv: argv as string[] } as unknown as ParsedCommand<typeof validateSpec>);
  }
}
