import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../../base-command.js';
import { clusterArgs, clusterFlags, clusterName } from '../../cluster-flags.js';
import { ProgressRenderer } from '../../progress.js';
import { getProvider } from '../../../cluster/index.js';

export default class ClusterUp extends KccCommand {
  static override description = 'Start a Kubernetes cluster: the bundled control plane (no Docker), kind or minikube';
  static override examples = [
    '<%= config.bin %> cluster up',
    '<%= config.bin %> cluster up dev --nodes 3',
    '<%= config.bin %> cluster up --name ci --set-context',
    '<%= config.bin %> cluster up --provider kind --name dev',
    '<%= config.bin %> cluster up --scheduler-config my-scheduler.yaml',
  ];
  static override args = clusterArgs;
  static override flags = {
    ...clusterFlags,
    nodes: Flags.integer({ description: 'number of (simulated, for local) nodes', default: 1 }),
    'set-context': Flags.boolean({ description: "merge a context for this cluster into your kubeconfig and make it current", default: false }),
    'api-port': Flags.integer({ description: 'API server port (local provider; default: a free port)' }),
    'scheduler-config': Flags.string({ description: 'a KubeSchedulerConfiguration file for the bundled scheduler (extra profiles with their own schedulerName)' }),
    ...KccCommand.outputFlag,
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterUp);
    const name = clusterName(args, flags);
    const progress = new ProgressRenderer();
    try {
      const info = await getProvider(flags.provider).up({ name, nodes: flags.nodes, setContext: flags['set-context'], apiPort: flags['api-port'], schedulerConfig: flags['scheduler-config'], onProgress: progress.listener });
      progress.stop();
      this.printData(flags.output, info, () =>
        [
          info.alreadyRunning ? `cluster "${info.name}" is already running` : `cluster "${info.name}" is ready`,
          `  server:     ${info.server}`,
          `  kubeconfig: ${info.kubeconfigPath}`,
          `  try:        kubectl --kubeconfig ${info.kubeconfigPath} get nodes`,
        ].join('\n'),
      );
    } finally {
      progress.stop();
    }
  }
}
