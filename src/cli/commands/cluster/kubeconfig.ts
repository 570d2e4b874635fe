import { readFile } from 'node:fs/promises';
import * as Flags from '@oclif/core/flags';
import { parse, stringify } from 'yaml';
import { KccCommand } from '../../base-command.js';
import { clusterArgs, clusterFlags, clusterName } from '../../cluster-flags.js';
import { getProvider } from '../../../cluster/index.js';
import type { KubeconfigDocument } from '../../../cluster/kubeconfig.js';

export default class ClusterKubeconfig extends KccCommand {
  static override description = "Print a cluster's kubeconfig (or its path with --path)";
  static override examples = [
    '<%= config.bin %> cluster kubeconfig > dev.kubeconfig',
    '<%= config.bin %> cluster kubeconfig --namespace team-a > team-a.kubeconfig',
    'kubectl --kubeconfig "$(<%= config.bin %> cluster kubeconfig --path)" get nodes',
  ];
  static override args = clusterArgs;
  static override flags = {
    ...clusterFlags,
    path: Flags.boolean({ description: 'print the file path instead of the content', default: false, exclusive: ['namespace'] }),
    namespace: Flags.string({ description: "set the context's default namespace in the printed kubeconfig" }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterKubeconfig);
    const name = clusterName(args, flags);
    const path = await getProvider(flags.provider).kubeconfig(name);
    if (flags.path) {
      process.stdout.write(`${path}\n`);
      return;
    }
    const text = await readFile(path, 'utf8');
    if (!flags.namespace) {
      process.stdout.write(text);
      return;
    }
    const config = parse(text) as KubeconfigDocument;
    for (const entry of config.contexts) (entry.context as { namespace?: string }).namespace = flags.namespace;
    process.stdout.write(stringify(config));
  }
}
