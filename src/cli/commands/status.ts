import { KccCommand } from '../base-command.js';
import { releaseFlags, releaseNameHintFlags } from '../release-flags.js';

export default class Status extends KccCommand {
  static override description = 'Show a release: its latest revision and the readiness of each of its live objects';

  static override examples = [
    { description: 'Status of the dev environment', command: '<%= config.bin %> status --env dev' },
    { description: 'A named release, as JSON', command: '<%= config.bin %> status --release web -n web -o json' },
  ];

  static override flags = { ...releaseFlags, ...releaseNameHintFlags, ...KccCommand.outputFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(Status);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { releaseStatus } = await import('../../engine/index.js');
    const input = await loadReleaseInput(flags, { needObjects: false });
    const context = await connect(flags, input, undefined, { startCluster: false });
    try {
      const report = await releaseStatus(context);
      this.printData(flags.output, report, () => {
        if (!report.latest) return `release ${report.release} has no history in namespace ${report.namespace}`;
        const l = report.latest;
        const lines = [
          `release:   ${report.release} (namespace ${report.namespace})`,
          `revision:  ${l.revision} ${l.status} — ${l.description}`,
          `updated:   ${l.finishedAt ?? l.updatedAt} by ${l.by}`,
          `deployed:  ${report.deployedRevision ?? 'none'}`,
        ];
        if (l.failure) lines.push(`failure:   ${l.failure.message}`);
        for (const o of report.objects) lines.push(`  ${o.state.padEnd(11)} ${o.object}${o.message ? ` — ${o.message}` : ''}${o.drift ? ` — drifted: ${o.drift.join(', ')} (kcc apply restores it)` : ''}`);
        if (report.drifted.length) lines.push(`drift:     ${report.drifted.length} object${report.drifted.length === 1 ? '' : 's'} edited outside kcc since the last apply`);
        return lines.join('\n');
      });
    } finally {
      context.client.close();
    }
  }
}
