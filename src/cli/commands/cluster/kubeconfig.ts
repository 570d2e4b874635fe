import { readFile } from 'node:fs/promises';
import { Flags } from '@oclif/core';
import { KccCommand } from '../../base-command.js';
import { clusterFlags } from '../../cluster-flags.js';
import { getProvider } from '../../../cluster/index.js';

export default class ClusterKubeconfig extends KccCommand {
  static override description = "Print a cluster's kubeconfig (or its path with --path)";
  static override examples = ['<%= config.bin %> cluster kubeconfig > dev.kubeconfig', 'kubectl --kubeconfig "$(<%= config.bin %> cluster kubeconfig --path)" get nodes'];
  static override flags = { ...clusterFlags, path: Flags.boolean({ description: 'print the file path instead of the content', default: false }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterKubeconfig);
    const path = await getProvider(flags.provider).kubeconfig(flags.name);
    process.stdout.write(flags.path ? `${path}\n` : await readFile(path, 'utf8'));
  }
}
