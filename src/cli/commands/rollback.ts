import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { EngineProgress, progressMode } from '../engine-progress.js';
import { parseDuration, releaseFlags, releaseNameHintFlags } from '../release-flags.js';

export default class Rollback extends KccCommand {
  static override description = 'Apply an earlier revision again, as a new revision; objects it did not have are pruned';

  static override examples = [
    { description: 'Back to the previously deployed revision', command: '<%= config.bin %> rollback --env dev' },
    { description: 'Back to revision 3 of a named release', command: '<%= config.bin %> rollback 3 --release web -n web' },
  ];

  static override args = { revision: Args.integer({ description: 'revision to return to (default: the one deployed before the current)' }) };

  static override flags = {
    ...releaseFlags,
    ...releaseNameHintFlags,
    wait: Flags.boolean({ description: 'wait until the objects are ready', default: true, allowNo: true }),
    timeout: Flags.string({ description: 'how long to wait for readiness, and for each hook to finish', default: '5m' }),
    'force-conflicts': Flags.boolean({ description: 'take ownership of fields another manager owns', default: false }),
    'history-max': Flags.integer({ description: 'revisions to keep', default: 10 }),
    hooks: Flags.boolean({ description: 'run the hooks (objects annotated helm.sh/hook); --no-hooks leaves them out, as helm --no-hooks', default: true, allowNo: true }),
    output: Flags.string({ char: 'o', description: 'format', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Rollback);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { rollbackRelease } = await import('../../engine/index.js');
    const progress = new EngineProgress(progressMode(flags.output, this.interactive));
    try {
      const input = await loadReleaseInput(flags, { needObjects: false });
      const context = await connect(flags, input, progress.listener, { startCluster: false });
      const result = await rollbackRelease(context, { revision: args.revision, wait: flags.wait, timeoutMs: parseDuration(flags.timeout), forceConflicts: flags['force-conflicts'], historyMax: flags['history-max'], hooks: flags.hooks });
      progress.stop();
      if (flags.output === 'json') process.stdout.write(`${JSON.stringify({ type: 'result', release: context.release, revision: result.revision, rolledBackTo: result.target })}\n`);
      else process.stdout.write(`release ${context.release} rolled back to revision ${result.target} as revision ${result.revision}\n`);
      context.client.close();
    } finally {
      progress.stop();
    }
  }
}
