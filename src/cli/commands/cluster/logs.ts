import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { clusterArgs, clusterFlags, clusterName } from '../../cluster-flags.js';
import { getProvider } from '../../../cluster/index.js';

export default class ClusterLogs extends KccCommand {
  static override description = "Show the logs of a cluster's processes";
  static override examples = ['<%= config.bin %> cluster logs', '<%= config.bin %> cluster logs --component kube-apiserver --tail 200'];
  static override args = clusterArgs;
  static override flags = {
    ...clusterFlags,
    component: Flags.string({ char: 'c', description: 'only this component (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok)' }),
    tail: Flags.integer({ description: 'lines per component', default: 50 }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterLogs);
    const name = clusterName(args, flags);
    this.log(await getProvider(flags.provider).logs(name, { component: flags.component, tail: flags.tail }));
  }
}
