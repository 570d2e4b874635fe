import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { relative } from 'node:path';
import { KccCommand } from '../base-command.js';
import { writeStarter } from '../../project/starter.js';

export default class Init extends KccCommand {
  static override description =
    'Create a kcc project: package.json (kcc as a dependency), tsconfig.json, a TypeScript app, base/dev/prod overlays and kcc.yaml';
  static override examples = [
    { description: 'A project in the current (empty) directory', command: '<%= config.bin %> init' },
    { description: 'A project in a new directory, then build it', command: '<%= config.bin %> init shop --name shop && cd shop && npm install && npx kcc synth --typecheck' },
    { description: 'Overwrite the starter files that already exist', command: '<%= config.bin %> init --force' },
  ];
  static override args = { dir: Args.string({ description: 'directory to create the project in', default: '.' }) };
  static override flags = {
    name: Flags.string({ description: 'project name (default: the directory name)' }),
    force: Flags.boolean({ description: 'overwrite starter files that already exist (they are listed otherwise)', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Init);
    const files = writeStarter({ dir: args.dir, name: flags.name, force: flags.force });
    const cd = relative(process.cwd(), args.dir) ? `cd ${args.dir} && ` : '';
    process.stdout.write(`created ${files.length} files in ${args.dir}:\n${files.map((f) => `  ${f}`).join('\n')}\nnext: ${cd}npm install && npx kcc synth --typecheck\n`);
  }
}
