import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { EngineProgress, progressMode } from '../engine-progress.js';
import { parseDuration, releaseFlags, releaseNameHintFlags } from '../release-flags.js';

export default class Test extends KccCommand {
  static override description = 'Run the tests of the deployed revision (objects annotated helm.sh/hook: test), as helm test; exit 2 when one fails';

  static override examples = [
    { description: 'Test the dev environment', command: '<%= config.bin %> test --env dev' },
    { description: 'A named release, each test given 2 minutes, result as JSON', command: '<%= config.bin %> test --release web -n web --timeout 2m -o json' },
  ];

  static override flags = {
    ...releaseFlags,
    ...releaseNameHintFlags,
    timeout: Flags.string({ description: 'how long each test may take', default: '5m' }),
    output: Flags.string({ char: 'o', description: 'format', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Test);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { testRelease } = await import('../../engine/index.js');
    const progress = new EngineProgress(progressMode(flags.output, this.interactive));
    try {
      const input = await loadReleaseInput(flags, { needObjects: false });
      const context = await connect(flags, input, progress.listener, { startCluster: false });
      const result = await testRelease(context, { timeoutMs: parseDuration(flags.timeout) });
      progress.stop();
      if (flags.output === 'json') process.stdout.write(`${JSON.stringify({ type: 'result', release: context.release, ...result })}\n`);
      else if (!result.tests.length) process.stdout.write(`release ${context.release} revision ${result.revision}: no tests\n`);
      else process.stdout.write(`release ${context.release} revision ${result.revision}: ${result.tests.length} test${result.tests.length === 1 ? '' : 's'} passed (${result.tests.map((t) => t.object).join(', ')})\n`);
      context.client.close();
    } finally {
      progress.stop();
    }
  }
}
