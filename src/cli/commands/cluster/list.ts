import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { getProvider } from '../../../cluster/index.js';
import { PROVIDERS } from '../../../cluster/provider.js';

export default class ClusterList extends KccCommand {
  static override description = 'List clusters of a provider';
  static override examples = ['<%= config.bin %> cluster list', '<%= config.bin %> cluster list --output json'];
  static override flags = {
    provider: Flags.string({ char: 'p', description: 'cluster provider', options: PROVIDERS, default: 'local' }),
    ...KccCommand.outputFlag,
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterList);
    const clusters = await getProvider(flags.provider).list();
    this.printData(flags.output, clusters, () =>
      clusters.length === 0 ? 'no clusters (create one with `kcc cluster up`)' : ['NAME'.padEnd(24) + 'PROVIDER'.padEnd(10) + 'STATE'.padEnd(10) + 'SERVER', ...clusters.map((c) => c.name.padEnd(24) + c.provider.padEnd(10) + c.state.padEnd(10) + (c.server ?? ''))].join('\n'),
    );
  }
}
