import { KccCommand } from '../../base-command.js';
import { clusterArgs, clusterFlags, clusterName } from '../../cluster-flags.js';
import { getProvider } from '../../../cluster/index.js';
import type { ClusterStatus } from '../../../cluster/provider.js';

export function renderStatus(status: ClusterStatus): string {
  const lines = [`${status.name} (${status.provider}): ${status.state}${status.server ? `  ${status.server}` : ''}`];
  for (const component of status.components) lines.push(`  ${component.running ? '●' : '○'} ${component.name.padEnd(24)} ${component.running ? `running, pid ${component.pid}` : 'not running'}`);
  if (status.nodes) lines.push(`  nodes: ${status.nodes.filter((n) => n.ready).length}/${status.nodes.length} Ready`);
  return lines.join('\n');
}

export default class ClusterStatusCommand extends KccCommand {
  static override description = 'Show whether a cluster and each of its processes are running (exit code 1 unless fully running)';
  static override examples = ['<%= config.bin %> cluster status', '<%= config.bin %> cluster status --name dev --output json'];
  static override args = clusterArgs;
  static override flags = { ...clusterFlags, ...KccCommand.outputFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterStatusCommand);
    const name = clusterName(args, flags);
    const status = await getProvider(flags.provider).status(name);
    this.printData(flags.output, status, () => renderStatus(status));
    if (status.state !== 'running') this.exit(1);
  }
}
