import { KccCommand } from '../base-command.js';
import { oclifArgs, oclifFlags } from '../oclif-flags.js';
import type { ParsedCommand } from '../command-spec.js';
import { templateSpec } from '../specs/template.js';
import { runTemplate } from '../run/template.js';

export default class Template extends KccCommand {
  static override description = templateSpec.description;
  static override examples = [...templateSpec.examples];
  static override args = oclifArgs(templateSpec.args);
  static override flags = oclifFlags(templateSpec.flags);

  async run(): Promise<void> {
    const { args, flags, argv } = await this.parse(Template);
    await runTemplate({ args, flags, argv } as unknown as ParsedCommand<typeof templateSpec>);
  }
}
