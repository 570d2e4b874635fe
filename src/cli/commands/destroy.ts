import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { EngineProgress, progressMode } from '../engine-progress.js';
import { parseDuration, releaseFlags, releaseNameHintFlags } from '../release-flags.js';

export default class Destroy extends KccCommand {
  static override description = 'Delete every object of a release, in reverse install order, and its history (unless --keep-history); pre-delete and post-delete hooks run around it';

  static override examples = [
    { description: 'Remove the dev environment', command: '<%= config.bin %> destroy --env dev' },
    { description: 'Remove the objects but keep the history (status uninstalled)', command: '<%= config.bin %> destroy --release web -n web --keep-history' },
  ];

  static override flags = {
    ...releaseFlags,
    ...releaseNameHintFlags,
    'keep-history': Flags.boolean({ description: 'keep the revisions, marking the latest uninstalled', default: false }),
    'dry-run': Flags.boolean({ description: 'list what would be deleted (server-side dry-run deletes: nothing changes, no lock taken)', default: false }),
    timeout: Flags.string({ description: 'how long each pre-delete and post-delete hook may take', default: '5m' }),
    hooks: Flags.boolean({ description: 'run the hooks (objects annotated helm.sh/hook); --no-hooks leaves them out, as helm --no-hooks', default: true, allowNo: true }),
    output: Flags.string({ char: 'o', description: 'format', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Destroy);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { destroyRelease } = await import('../../engine/index.js');
    const progress = new EngineProgress(progressMode(flags.output, this.interactive));
    try {
      const input = await loadReleaseInput(flags, { needObjects: false });
      const context = await connect(flags, input, progress.listener, { startCluster: false });
      const result = await destroyRelease(context, { keepHistory: flags['keep-history'], dryRun: flags['dry-run'], hooks: flags.hooks, timeoutMs: parseDuration(flags.timeout) });
      progress.stop();
      if (flags.output === 'json') process.stdout.write(`${JSON.stringify({ type: 'result', release: context.release, ...result })}\n`);
      else {
        const kept = result.kept.length ? `; kept ${result.kept.join(', ')} (namespaces kcc adopted or made with --create-namespace are never deleted)` : '';
        process.stdout.write(`release ${context.release}: ${result.deleted.length} object${result.deleted.length === 1 ? '' : 's'} ${flags['dry-run'] ? 'would be ' : ''}deleted${result.historyKept ? ', history kept' : ''}${kept}\n`);
      }
      context.client.close();
    } finally {
      progress.stop();
    }
  }
}
