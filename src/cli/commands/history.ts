import { KccCommand } from '../base-command.js';
import { releaseFlags, releaseNameHintFlags } from '../release-flags.js';

export default class History extends KccCommand {
  static override description = 'List the revisions of a release: status, when, what it was (install, upgrade, rollback), where it came from';

  static override examples = [
    { description: 'History of the release in kcc.yaml', command: '<%= config.bin %> history --env dev' },
    { description: 'A named release, as JSON', command: '<%= config.bin %> history --release web -n web --output json' },
  ];

  static override flags = { ...releaseFlags, ...releaseNameHintFlags, ...KccCommand.outputFlag };

  async run(): Promise<void> {
    const { flags } = await this.parse(History);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const input = await loadReleaseInput(flags, { needObjects: false });
    const context = await connect(flags, input, undefined, { startCluster: false });
    try {
      const records = await context.store.list(context.release);
      // Manifests and values stay out of the listing: they may hold Secret data, and are long.
      const rows = records.map(({ manifests, values: _values, ...r }) => ({ ...r, objects: manifests.length }));
      this.printData(flags.output, rows, () => {
        if (!rows.length) return `release ${context.release} has no history in namespace ${context.namespace}`;
        const table = [['REVISION', 'STATUS', 'UPDATED', 'OBJECTS', 'DESCRIPTION'], ...rows.map((r) => [String(r.revision), r.status, r.finishedAt ?? r.updatedAt, String(r.objects), r.description + (r.failure ? `: ${r.failure.message.split('\n')[0]}` : '')])];
        const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
        return table.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
      });
    } finally {
      context.client.close();
    }
  }
}
