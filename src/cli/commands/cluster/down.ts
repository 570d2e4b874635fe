import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { clusterArgs, clusterFlags, clusterName } from '../../cluster-flags.js';
import { ProgressRenderer } from '../../progress.js';
import { getProvider } from '../../../cluster/index.js';

export default class ClusterDown extends KccCommand {
  static override description = 'Stop a cluster; its data is kept unless --purge is given';
  static override examples = ['<%= config.bin %> cluster down', '<%= config.bin %> cluster down dev --purge'];
  static override args = clusterArgs;
  static override flags = {
    ...clusterFlags,
    purge: Flags.boolean({ description: 'also delete all data of the cluster (etcd, certificates, logs)', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterDown);
    const name = clusterName(args, flags);
    const progress = new ProgressRenderer();
    try {
      await getProvider(flags.provider).down(name, { purge: flags.purge, onProgress: progress.listener });
    } finally {
      progress.stop();
    }
    this.log(flags.purge ? `cluster "${name}" deleted` : `cluster "${name}" stopped (data kept)`);
  }
}
