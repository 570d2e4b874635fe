import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { ownershipFlags, releaseFlags, sourceFlags } from '../release-flags.js';
import { KccError, isKccError } from '../../core/errors.js';

export default class Diff extends KccCommand {
  static override description = 'Show what apply would change: a server-side dry run, as a unified diff per object, including creations and prunes (Secret values masked)';

  static override examples = [
    { description: 'Diff the dev environment against its cluster', command: '<%= config.bin %> diff --env dev' },
    { description: 'In CI: exit 1 when there are changes, 0 when none, 2 or more on errors', command: '<%= config.bin %> diff --env prod --exit-code' },
    { description: 'Dry-run every object (one request each), not only changed or drifted ones', command: '<%= config.bin %> diff --env prod --all' },
    { description: 'Plain manifests', command: '<%= config.bin %> diff -f k8s/ --release web' },
  ];

  static override flags = {
    ...releaseFlags,
    ...sourceFlags,
    ...ownershipFlags,
    'force-conflicts': Flags.boolean({ description: 'as apply would with it: take fields another manager owns', default: false }),
    'exit-code': Flags.boolean({ description: 'exit 1 when there are changes or apply would refuse (0 when none, >1 on errors)', default: false }),
    all: Flags.boolean({ description: 'dry-run every object, not only those whose manifest changed or drifted (one request per object)', default: false }),
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
      const { diffs, preflight } = await diffRelease(context, { objects: input.objects, resync: flags.all, adopt: flags.adopt, takeOwnership: flags['take-ownership'], createNamespace: flags['create-namespace'], alsoCreate: input.namespaceFromProject ? [input.namespace] : [], forceConflicts: flags['force-conflicts'] });
      const colour = flags.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
      const refused = preflight.problems;
      this.printData(flags.output, { release: input.release, namespace: input.namespace, changes: diffs.length, diffs, refused, hints: preflight.hints }, () => {
        const shown = diffs.map((d) => `# ${d.object} (${d.action}${d.drift ? `: drifted from the configuration at ${d.drift.join(', ')}` : ''})${d.reclaimFrom ? `\n# takes back fields edited by ${d.reclaimFrom.join(', ')}` : ''}\n${colour ? paint(d.patch) : d.patch}`);
        if (!shown.length && !refused.length) return `no changes for release ${input.release}`;
        if (refused.length) shown.push(`# apply would refuse (nothing would be written):\n${refused.map((p) => `#   ${p}`).join('\n')}\n${preflight.hints.map((h) => `# hint: ${h}`).join('\n')}`);
        return shown.join('\n');
      });
      // A refused plan is a failure of the next apply: exit 1 even without --exit-code.
      if ((flags['exit-code'] && diffs.length) || refused.length) process.exitCode = 1;
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
