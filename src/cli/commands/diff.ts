import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { ownershipFlags, releaseFlags, sourceFlags } from '../release-flags.js';
import { KccError, isKccError } from '../../core/errors.js';
import type { ObjectDiff } from '../../engine/diff-release.js';

export default class Diff extends KccCommand {
  static override description = 'Show what apply would change: a server-side dry run, as a unified diff per object, including creations and prunes (Secret values masked)';

  static override examples = [
    { description: 'Diff the dev environment against its cluster', command: '<%= config.bin %> diff --env dev' },
    { description: 'In CI: exit 1 when there are changes, 0 when none, 2 or more on errors', command: '<%= config.bin %> diff --env prod --exit-code' },
    { description: 'Dry-run every object (one request each), not only changed or drifted ones', command: '<%= config.bin %> diff --env prod --all' },
    { description: 'Plain manifests', command: '<%= config.bin %> diff -f k8s/ --release web' },
    { description: 'A pull-request comment: summary table, one collapsed diff per object', command: '<%= config.bin %> diff --env prod -o markdown > diff.md' },
  ];

  static override flags = {
    ...releaseFlags,
    ...sourceFlags,
    ...ownershipFlags,
    'force-conflicts': Flags.boolean({ description: 'as apply would with it: take fields another manager owns', default: false }),
    'exit-code': Flags.boolean({ description: 'exit 1 when there are changes or apply would refuse (0 when none, >1 on errors)', default: false }),
    all: Flags.boolean({ description: 'dry-run every object, not only those whose manifest changed or drifted (one request per object)', default: false }),
    color: Flags.boolean({ description: 'colour the diff (default: when stdout is a terminal)', allowNo: true }),
    output: Flags.string({ char: 'o', description: 'format', options: ['text', 'json', 'markdown'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Diff);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { diffRelease } = await import('../../engine/index.js');
    let context;
    try {
      const input = await loadReleaseInput(flags);
      context = await connect(flags, input, undefined);
      const { diffs, preflight, hooks, hooksChanged } = await diffRelease(context, { objects: input.objects, resync: flags.all, adopt: flags.adopt, takeOwnership: flags['take-ownership'], createNamespace: flags['create-namespace'], alsoCreate: input.namespaceFromProject ? [input.namespace] : [], forceConflicts: flags['force-conflicts'] });
      const colour = flags.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
      const refused = preflight.problems;
      const report: DiffReport = {
        release: input.release,
        namespace: input.namespace,
        diffs,
        refused,
        hints: preflight.hints,
        namespacesToCreate: preflight.namespacesToCreate,
        adopted: preflight.adopted,
        takenOver: preflight.takenOver,
      };
      if (flags.output === 'markdown') process.stdout.write(renderDiffMarkdown(report));
      else this.printData(flags.output, { release: input.release, namespace: input.namespace, changes: diffs.length, diffs, refused, hints: preflight.hints, hooks, hooksChanged }, () => {
        const shown = diffs.map((d) => `# ${d.object} (${d.action}${d.drift ? `: drifted from the configuration at ${d.drift.join(', ')}` : ''})${d.reclaimFrom ? `\n# takes back fields edited by ${d.reclaimFrom.join(', ')}` : ''}\n${colour ? paint(d.patch) : d.patch}`);
        // Hooks run only when apply records a revision: with changes, or when the hooks changed.
        if (hooks.length && (shown.length || hooksChanged)) shown.push(`# hooks apply would run${hooksChanged ? ' (the hooks changed)' : ''}:\n${hooks.map((h) => `#   ${h.phase} ${h.object}${h.weight ? ` (weight ${h.weight})` : ''}`).join('\n')}`);
        if (!shown.length && !refused.length) return `no changes for release ${input.release}`;
        if (refused.length) shown.push(`# apply would refuse (nothing would be written):\n${refused.map((p) => `#   ${p}`).join('\n')}\n${preflight.hints.map((h) => `# hint: ${h}`).join('\n')}`);
        return shown.join('\n');
      });
      // A refused plan is a failure of the next apply: exit 1 even without --exit-code.
      if ((flags['exit-code'] && (diffs.length || hooksChanged)) || refused.length) process.exitCode = 1;
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

/** What `kcc diff` reports, in every output format. */
export interface DiffReport {
  release: string;
  namespace: string;
  diffs: ObjectDiff[];
  /** Preflight problems: apply would refuse and write nothing. */
  refused: string[];
  hints: string[];
  /** Namespaces apply creates before the objects (not diffs of their own). */
  namespacesToCreate?: string[];
  /** Existing objects apply would take under this release (--adopt). */
  adopted?: string[];
  /** Objects apply would take from another release (--take-ownership). */
  takenOver?: { object: string; from: string }[];
}

/**
 * GitHub rejects comments over 65,536 characters; the table and refusals always fit, and the
 * per-object diffs are added in order until this budget is spent (the rest are named, not shown).
 */
const MARKDOWN_BUDGET = 60_000;

const ACTION_VERBS: Record<ObjectDiff['action'], string> = { create: 'to create', update: 'to update', replace: 'to replace', prune: 'to prune' };

/**
 * `kcc diff -o markdown`: a pull-request comment. A summary table (object, action, drift), then
 * each object's unified diff in a collapsed <details> block, then what apply would refuse. The
 * patches are the engine's, whose Secret values are already masked; nothing here unmasks them.
 * examples/ci relies on two lines: the `### kcc diff` heading (the comment a workflow updates)
 * and `> **Apply would refuse**` (pipeline.sh fails the job on it).
 */
export function renderDiffMarkdown(report: DiffReport): string {
  const { diffs, refused, hints } = report;
  const lines = [`### kcc diff: release \`${report.release}\` in namespace \`${report.namespace}\``, ''];
  const ownership = [
    ...(report.namespacesToCreate?.length ? [`Namespaces created first: ${report.namespacesToCreate.map((ns) => codeSpan(ns)).join(', ')}.`] : []),
    ...(report.adopted?.length ? [`Adopted (they belonged to no release): ${report.adopted.map((id) => codeSpan(id)).join(', ')}.`] : []),
    ...(report.takenOver?.map((t) => `Taken over from release ${codeSpan(t.from)}: ${codeSpan(t.object)}.`) ?? []),
  ];
  if (!diffs.length && !refused.length) return [...lines, 'No changes.', '', ...ownership.flatMap((line) => [line, ''])].join('\n');

  const counts = Object.entries(ACTION_VERBS)
    .map(([action, verb]) => [diffs.filter((d) => d.action === action).length, verb] as const)
    .filter(([count]) => count > 0)
    .map(([count, verb]) => `${count} ${verb}`);
  lines.push(diffs.length ? `${diffs.length} object${diffs.length === 1 ? '' : 's'} would change: ${counts.join(', ')}.` : 'No object would change.', '');
  lines.push(...ownership.flatMap((line) => [line, '']));

  if (refused.length) {
    lines.push('> [!CAUTION]', '> **Apply would refuse** (nothing would be written):', '>');
    lines.push(...refused.map((problem) => `> - ${inlineText(problem)}`));
    if (hints.length) lines.push('>', ...hints.map((hint) => `> - hint: ${inlineText(hint)}`));
    lines.push('');
  }

  if (diffs.length) {
    lines.push('| object | action | drift |', '|---|---|---|');
    for (const d of diffs) lines.push(`| ${codeSpan(d.object, { inTable: true })} | ${d.action} | ${tableCell(driftText(d))} |`);
    lines.push('');
  }

  let used = lines.join('\n').length;
  const omitted: string[] = [];
  for (const d of diffs) {
    const block = detailsBlock(d);
    if (used + block.length > MARKDOWN_BUDGET) {
      omitted.push(d.object);
      continue;
    }
    lines.push(block);
    used += block.length + 1;
  }
  if (omitted.length) {
    const names = omitted.map((object) => codeSpan(object)).join(', ');
    lines.push(`${omitted.length} diff${omitted.length === 1 ? '' : 's'} left out to fit a comment (run \`kcc diff\` to see them): ${names}`, '');
  }
  return lines.join('\n');
}

function driftText(d: ObjectDiff): string {
  const parts = [];
  if (d.drift?.length) parts.push(`edited outside kcc at ${d.drift.join(', ')}`);
  if (d.reclaimFrom?.length) parts.push(`takes back fields edited by ${d.reclaimFrom.join(', ')}`);
  return parts.join('; ');
}

function detailsBlock(d: ObjectDiff): string {
  // A fence longer than any backtick run in the patch, so a manifest cannot close it early.
  const longestRun = Math.max(0, ...(d.patch.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const patch = d.patch.endsWith('\n') ? d.patch : `${d.patch}\n`;
  const summary = `<details><summary><code>${escapeHtml(d.object)}</code> (${d.action})</summary>`;
  return [summary, '', `${fence}diff`, `${patch}${fence}`, '', '</details>', ''].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Free text on one Markdown line: no raw HTML, no line breaks. */
function inlineText(text: string): string {
  return escapeHtml(text).replace(/\s*\n\s*/g, ' ');
}

/** A table cell: `|` would end the cell, even inside a code span. */
function tableCell(text: string): string {
  return inlineText(text).replace(/\|/g, '\\|');
}

/** Inside a table, `|` ends the cell even in a code span, and GitHub reads `\|` there as a literal bar. */
function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  return `\`${options.inTable ? text.replace(/\|/g, '\\|') : text}\``;
}
