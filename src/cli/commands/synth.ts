import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { KccError, KccErrors } from '../../core/errors.js';
import type { TrackedObject } from '../../core/kube-object.js';
import { renderManifests, writeManifestDir, type ManifestFormat } from '../../core/manifest-output.js';

interface SynthesizedCharts {
  charts: { name: string; objects: TrackedObject[] }[];
}

export default class Synth extends KccCommand {
  static override description = 'Compile a TypeScript app (or a kcc.yaml project) into Kubernetes manifests';

  static override examples = [
    { description: 'Synthesize a program into examples/hello/dist/, one file per chart', command: '<%= config.bin %> synth -a examples/hello/main.ts' },
    { description: 'Print the manifests instead of writing files', command: '<%= config.bin %> synth -a main.ts --stdout' },
    { description: 'The project in kcc.yaml, for one environment', command: '<%= config.bin %> synth --env prod --out build/prod' },
    { description: 'One JSON file, after a full type check', command: '<%= config.bin %> synth -a main.ts --single-file --output json --typecheck' },
    { description: 'Override a template chart value', command: '<%= config.bin %> synth --env dev --set replicas=2 --stdout' },
  ];

  static override flags = {
    app: Flags.string({ char: 'a', description: 'TypeScript program that creates an App (default: app: in kcc.yaml)' }),
    env: Flags.string({ char: 'e', description: 'environment from kcc.yaml to compile' }),
    dir: Flags.string({ char: 'C', description: 'project directory (where kcc.yaml is)', default: '.' }),
    out: Flags.string({ description: 'output directory, replaced as a whole (default: dist/ beside kcc.yaml, or beside the -a program)' }),
    'single-file': Flags.boolean({ description: 'write one app.k8s.yaml instead of one file per chart', default: false }),
    stdout: Flags.boolean({ description: 'print the manifests instead of writing files', default: false }),
    output: Flags.string({ char: 'o', description: 'manifest format', options: ['yaml', 'json'], default: 'yaml' }),
    typecheck: Flags.boolean({ description: 'type-check the program first (loads the full TypeScript checker)', default: false }),
    validate: Flags.boolean({ description: 'validate objects against the Kubernetes schemas', default: true, allowNo: true }),
    values: Flags.string({ char: 'f', description: 'values file for every template chart of the project (repeatable)', multiple: true }),
    set: Flags.string({ description: 'value for every template chart of the project, key=value (repeatable)', multiple: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Synth);
    const dir = resolve(flags.dir);
    const result = await compile(dir, flags);
    if (flags.validate) await validate(result.charts.flatMap((c) => c.objects));

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
    await writeManifestDir(outDir, files, shown);
    const count = result.charts.reduce((sum, c) => sum + c.objects.length, 0);
    process.stderr.write(`wrote ${count} object${count === 1 ? '' : 's'} to ${shown}/ (${files.map((f) => f.name).join(', ') || 'no files'})\n`);
  }
}

/**
 * `-a main.ts` with no kcc.yaml runs the program directly; otherwise the project pipeline
 * (`compileProject`: app, template charts, overlays, the chosen environment) does the work.
 */
async function compile(dir: string, flags: { app?: string; env?: string; typecheck: boolean; values?: string[]; set?: string[] }): Promise<SynthesizedCharts> {
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
  for (const note of compiled.notes) process.stderr.write(`${note.trimEnd()}\n`);
  return { charts: compiled.charts };
}

/**
 * Schema validation of every object (`validateObjects` from the schema module). Errors fail the
 * synth before a file is written; warnings (e.g. deprecated API versions) are printed.
 */
async function validate(objects: TrackedObject[]): Promise<void> {
  const { validateObjects, sortIssues, issueToKccError, formatIssue } = await import('../../schema/index.js');
  const issues = sortIssues(validateObjects(objects));
  for (const warning of issues.filter((i) => i.severity === 'warning')) process.stderr.write(`${formatIssue(warning)}\n`);
  const errors = issues.filter((i) => i.severity === 'error').map(issueToKccError);
  if (errors.length === 1) throw errors[0]!;
  if (errors.length > 1) throw new KccErrors(`${errors.length} errors in the synthesized objects; nothing was written`, errors);
}
