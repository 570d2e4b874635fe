import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { writeStarter } from '../../project/starter.js';

export default class Init extends KccCommand {
  static override description = 'Create a starter kcc project: a TypeScript app, base/dev/prod overlays and kcc.yaml';
  static override examples = ['<%= config.bin %> init', '<%= config.bin %> init shop --name shop'];
  static override args = { dir: Args.string({ description: 'directory to create the project in', default: '.' }) };
  static override flags = {
    name: Flags.string({ description: 'project name (default: the directory name)' }),
    force: Flags.boolean({ description: 'overwrite existing files', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const files = writeStarter({ dir: args.dir, name: flags.name, force: flags.force });
    process.stdout.write(`created ${files.length} files in ${args.dir}:\n${files.map((f) => `  ${f}`).join('\n')}\nnext: kcc synth --env dev --stdout\n`);
  }
}
