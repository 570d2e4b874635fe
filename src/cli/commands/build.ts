import { Args, Flags } from '@oclif/core';
import { KccCommand } from '../base-command.js';
import { buildKustomization } from '../../overlay/index.js';
import { toJsonList, toYamlStream } from '../../core/serialize.js';

export default class Build extends KccCommand {
  static override description = 'Build a kustomization directory and print its objects (kustomize build)';
  static override examples = ['<%= config.bin %> build overlays/dev', '<%= config.bin %> build overlays/prod --output json', '<%= config.bin %> build ../shared/overlay --load-restrictor none'];
  static override args = { dir: Args.string({ description: 'directory holding kustomization.yaml', default: '.' }) };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'output format', options: ['yaml', 'json'], default: 'yaml' }),
    'load-restrictor': Flags.string({ description: 'rootOnly refuses files outside each kustomization directory; none allows them', options: ['rootOnly', 'none', 'LoadRestrictionsRootOnly', 'LoadRestrictionsNone'], default: 'rootOnly' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Build);
    const restrictor = flags['load-restrictor'] === 'none' || flags['load-restrictor'] === 'LoadRestrictionsNone' ? 'none' : 'rootOnly';
    const { objects } = await buildKustomization(args.dir, { loadRestrictor: restrictor });
    const plain = objects.map((tracked) => tracked.object);
    process.stdout.write(flags.output === 'json' ? toJsonList(plain) : toYamlStream(plain));
  }
}
