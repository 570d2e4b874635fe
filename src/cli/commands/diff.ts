import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { releaseFlags, sourceFlags } from '../release-flags.js';
import { KccError, isKccError } from '../../core/errors.js';

export default class Diff extends KccCommand {
  static override description = 'Show what apply would change: a server-side dry run, as a unified diff per object, including creations and prunes (Secret values masked)';

  static override examples = [
    { description: 'Diff the dev environment against its cluster', command: '<%= config.bin %> diff --env dev' },
    { description: 'In CI: exit 1 when there are changes, 0 when none, 2 or more on errors', command: '<%= config.bin %> diff --env prod --exit-code' },
    { description: 'Also show what others changed in the cluster since the last apply', command: '<%= config.bin %> diff --env prod --all' },
    { description: 'Plain manifests', command: '<%= config.bin %> diff -f k8s/ --release web' },
  ];

  static override flags = {
    ...releaseFlags,
    ...sourceFlags,
    'exit-code': Flags.boolean({ description: 'exit 1 when there are changes (0 when none, >1 on errors)', default: false }),
    all: Flags.boolean({ description: 'dry-run every object, not only those whose manifest changed, to show edits made outside kcc (one request per object)', default: false }),
    color: Flags.boolean({ description: 'colour the diff (default: when stdout is a terminal)', allowNo: true }),
    output: Flags.string({ char: 'o', description: 'format', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Diff);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { diffRelease } = await import('../../engine/index.js');
    let context;
    try {
      const input = await loadReleaseInput(flags);
      context = await connect(flags, input, undefined);
      const { diffs } = await diffRelease(context, { objects: input.objects, resync: flags.all });
      const colour = flags.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
      this.printData(flags.output, { release: input.release, namespace: input.namespace, changes: diffs.length, diffs }, () =>
        diffs.length ? diffs.map((d) => `# ${d.object} (${d.action})${d.conflict ? `\n# conflict: ${d.conflict} (apply needs --force-conflicts)` : ''}\n${colour ? paint(d.patch) : d.patch}`).join('\n') : `no changes for release ${input.release}`,
      );
      if (flags['exit-code'] && diffs.length) process.exitCode = 1;
    } catch (error) {
      // --exit-code reserves 1 for "changes": every error exits 2 or more.
      if (flags['exit-code'] && isKccError(error) && error.exitCode < 2) throw new KccError(error.message, { hint: error.hint, location: error.location, field: error.field, exitCode: 2 });
      throw error;
    } finally {
      context?.client.close();
    }
  }
}

function paint(patch: string): string {
  return patch
    .split('\n')
    .map((line) => (line.startsWith('+++') || line.startsWith('---') ? `\x1b[1m${line}\x1b[0m` : line.startsWith('+') ? `\x1b[32m${line}\x1b[0m` : line.startsWith('-') ? `\x1b[31m${line}\x1b[0m` : line.startsWith('@@') ? `\x1b[36m${line}\x1b[0m` : line))
    .join('\n');
}
