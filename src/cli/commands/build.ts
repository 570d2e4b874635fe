import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import type { KubeObject } from '../../core/kube-object.js';
import { toJsonList, toYamlStream } from '../../core/serialize.js';

export default class Build extends KccCommand {
  static override description = 'Build a kustomization directory and print its objects (kustomize build); with --env, a kcc project environment';
  static override examples = [
    '<%= config.bin %> build overlays/dev',
    '<%= config.bin %> build overlays/prod --output json',
    '<%= config.bin %> build ../shared/overlay --load-restrictor none',
    '<%= config.bin %> build . --env prod',
  ];
  static override args = { dir: Args.string({ description: 'directory holding kustomization.yaml (or kcc.yaml with --env)', default: '.' }) };
  static override flags = {
    output: Flags.string({ char: 'o', description: 'output format', options: ['yaml', 'json'], default: 'yaml' }),
    'load-restrictor': Flags.string({
      description: 'rootOnly refuses files outside each kustomization directory; none allows them',
      options: ['rootOnly', 'none', 'LoadRestrictionsRootOnly', 'LoadRestrictionsNone'],
      default: 'rootOnly',
    }),
    env: Flags.string({ char: 'e', description: 'build this environment of the kcc project in DIR (app, charts and overlay)' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Build);
    const restrictor = flags['load-restrictor'] === 'none' || flags['load-restrictor'] === 'LoadRestrictionsNone' ? 'none' : 'rootOnly';
    let objects: KubeObject[];
    if (flags.env || (existsSync(join(args.dir, 'kcc.yaml')) && !existsSync(join(args.dir, 'kustomization.yaml')))) {
      const { compileProject } = await import('../../project/compile.js');
      const compiled = await compileProject({ dir: args.dir, env: flags.env, loadRestrictor: restrictor });
      objects = compiled.objects.map((tracked) => tracked.object);
      for (const note of compiled.notes) process.stderr.write(`note: ${note}\n`);
    } else {
      const { buildKustomization } = await import('../../overlay/index.js');
      objects = (await buildKustomization(args.dir, { loadRestrictor: restrictor })).objects.map((tracked) => tracked.object);
    }
    process.stdout.write(flags.output === 'json' ? toJsonList(objects) : toYamlStream(objects));
  }
}
