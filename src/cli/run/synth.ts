import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { KccError, KccErrors } from '../../core/errors.js';
import type { TrackedObject } from '../../core/kube-object.js';
import { renderManifests, writeManifestDir, type ManifestFile, type ManifestFormat } from '../../core/manifest-output.js';
import type { ParsedCommand } from '../command-spec.js';
import type { synthSpec } from '../specs/synth.js';
import { issueAsFinding } from '../findings.js';
import { CommandReport } from '../report.js';
import { slowStep } from '../slow-step.js';

interface SynthesizedCharts {
  charts: { name: string; objects: TrackedObject[] }[];
}

/** `kcc synth`: compile the program or project, validate, and write (or print) the manifests. */
export async function runSynth({ flags }: ParsedCommand<typeof synthSpec>): Promise<void> {
  const report = new CommandReport('synth', flags.report as 'sarif' | 'junit' | 'github' | undefined, flags['report-file']);
  await report.around(() => synthesize(flags, report));
}

async function synthesize(flags: ParsedCommand<typeof synthSpec>['flags'], report: CommandReport): Promise<void> {
  const dir = resolve(flags.dir);
  if (flags.check && flags.stdout) throw new KccError('--check compares the output directory and cannot be combined with --stdout', { hint: 'drop --stdout' });
  const result = await slowStep(flags.typecheck ? 'type-checking and running the program' : 'running the program', () => compile(dir, flags, report), { announce: flags.typecheck });
  if (flags.validate) await slowStep('validating the objects', () => validate(result.charts.flatMap((c) => c.objects), report));

  const files = renderManifests(result.charts, { format: flags.output as ManifestFormat, singleFile: flags['single-file'] || flags.stdout });
  if (flags.stdout) {
    const file = files[0];
    if (file) process.stdout.write(file.bytes ?? file.content);
    return;
  }
  // Beside the project (or program), not in the working directory: `kcc synth -a
  // examples/hello/main.ts` run from a package root must not aim at the package's own dist/.
  const outDir = flags.out ? resolve(flags.out) : resolve(flags.app && !existsSync(join(dir, 'kcc.yaml')) ? dirname(resolve(dir, flags.app)) : dir, 'dist');
  const shown = relative(process.cwd(), outDir) || '.';
  if (flags.check) return checkOutputDir(outDir, files, shown);
  await writeManifestDir(outDir, files, shown);
  const count = result.charts.reduce((sum, c) => sum + c.objects.length, 0);
  process.stderr.write(`wrote ${count} object${count === 1 ? '' : 's'} to ${shown}/ (${files.map((f) => f.name).join(', ') || 'no files'})\n`);
}

/**
 * `--check`: the committed output must be exactly what this run would write (CI keeps rendered
 * manifests reviewable in pull requests). Reads only; a difference is an input error (exit 1).
 */
async function checkOutputDir(outDir: string, files: ManifestFile[], shown: string): Promise<void> {
  const { compareOutputDir, describeDrift, isCurrent } = await import('../../project/check-output.js');
  const drift = await compareOutputDir(outDir, files);
  if (drift.foreign) {
    throw new KccError(`${shown}/ exists and was not written by kcc synth`, { hint: 'check --out: kcc synth would refuse to replace this directory' });
  }
  if (!isCurrent(drift)) {
    throw new KccError(describeDrift(drift, shown), { hint: `run the same kcc synth command without --check and commit ${shown}/` });
  }
  process.stderr.write(`${shown}/ is current (${files.length} file${files.length === 1 ? '' : 's'})\n`);
}

/**
 * `-a main.ts` with no kcc.yaml runs the program directly; otherwise the project pipeline
 * (`compileProject`: app, template charts, overlays, the chosen environment) does the work.
 */
async function compile(dir: string, flags: { app?: string; env?: string; typecheck: boolean; values?: string[]; set?: string[] }, report: CommandReport): Promise<SynthesizedCharts> {
  const hasProject = existsSync(join(dir, 'kcc.yaml'));
  if (flags.app && !hasProject && !flags.env) {
    const { runProgram } = await import('../../project/run-program.js');
    return runProgram(resolve(dir, flags.app), { typecheck: flags.typecheck });
  }
  if (!hasProject) {
    throw new KccError(`no kcc.yaml in ${dir}`, { hint: 'pass the program with -a main.ts, or create kcc.yaml' });
  }
  const { compileProject } = await import('../../project/compile.js');
  const compiled = await compileProject({
    dir,
    env: flags.env,
    app: flags.app ? resolve(dir, flags.app) : undefined,
    typecheck: flags.typecheck,
    valueFiles: flags.values?.map((file) => resolve(file)),
    set: flags.set,
  });
  for (const note of compiled.notes) {
    process.stderr.write(`${note.trimEnd()}\n`);
    report.add({ severity: 'warning', rule: 'synth-note', message: note.trimEnd() });
  }
  return { charts: compiled.charts };
}

/**
 * Schema validation of every object (`validateObjects` from the schema module). Errors fail the
 * synth before a file is written; warnings (e.g. deprecated API versions) are printed.
 */
async function validate(objects: TrackedObject[], report: CommandReport): Promise<void> {
  const { validateObjects, sortIssues, issueToKccError, formatIssue } = await import('../../schema/index.js');
  const issues = sortIssues(validateObjects(objects));
  for (const warning of issues.filter((i) => i.severity === 'warning')) {
    process.stderr.write(`${formatIssue(warning)}\n`);
    report.add(issueAsFinding(warning));
  }
  const errorIssues = issues.filter((i) => i.severity === 'error');
  for (const issue of errorIssues) report.add(issueAsFinding(issue));
  const errors = errorIssues.map(issueToKccError);
  if (errors.length === 1) throw report.alreadyReported(errors[0]!);
  if (errors.length > 1) throw report.alreadyReported(new KccErrors(`${errors.length} errors in the synthesized objects; nothing was written`, errors));
}
