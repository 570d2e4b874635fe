import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { formatLocation } from '../../core/kube-object.js';
import { emitYaml } from '../../core/yaml-emitter.js';
import type { RenderedChart } from '../../chart/index.js';

export default class Template extends KccCommand {
  static override description = 'Render a template chart to manifests (validated against the Kubernetes schemas)';

  static override examples = [
    { description: 'Render a chart to stdout', command: '<%= config.bin %> template charts/webapp' },
    { description: 'Values files in order, then single values', command: '<%= config.bin %> template charts/webapp -f prod.yaml -f eu.yaml --set image.tag=1.4.2,replicas=3' },
    { description: 'A list item and a string that looks like a number', command: '<%= config.bin %> template ./redis --set "extraArgs[0]=--appendonly" --set-string password=0123' },
    { description: 'One file per template under out/', command: '<%= config.bin %> template charts/webapp --name shop --namespace prod --output-dir out' },
  ];

  static override args = {
    chart: Args.string({ description: 'chart directory (with Chart.yaml)', required: true }),
  };

  static override flags = {
    name: Flags.string({ description: 'release name (Release.Name)', default: 'release' }),
    namespace: Flags.string({ char: 'n', description: 'release namespace (Release.Namespace)', default: 'default' }),
    values: Flags.string({ char: 'f', description: 'values file; repeat for more, later files win', multiple: true }),
    set: Flags.string({ description: 'set values: a.b=1,list[0]=x (repeatable)', multiple: true }),
    'set-string': Flags.string({ description: 'set values, always as strings (repeatable)', multiple: true }),
    'set-file': Flags.string({ description: 'set a value to the content of a file: key=path (repeatable)', multiple: true }),
    'output-dir': Flags.string({ description: 'write one file per template into this directory instead of stdout' }),
    'kube-version': Flags.string({ description: 'Capabilities.KubeVersion (default: the Kubernetes release kcc targets)' }),
    validate: Flags.boolean({ description: 'validate objects against the Kubernetes schemas', default: true, allowNo: true }),
    canonical: Flags.boolean({ description: 'print objects in kcc\'s canonical form (sorted keys, as `kcc synth` does) instead of as the templates wrote them', default: false }),
    notes: Flags.boolean({ description: 'print the rendered NOTES.txt to stderr', default: false }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Template);
    // Loaded here, not at the top: oclif imports every command module to list commands, and the
    // chart engine (Handlebars, schemas) should not slow down every other command's start-up.
    const { renderChart } = await import('../../chart/index.js');
    const { formatIssue } = await import('../../schema/index.js');
    const result = await renderChart(args.chart, {
      releaseName: flags.name,
      namespace: flags.namespace,
      valueFiles: flags.values,
      set: flags.set,
      setString: flags['set-string'],
      setFile: flags['set-file'],
      kubeVersion: flags['kube-version'],
      validate: flags.validate,
    });
    for (const warning of result.warnings) process.stderr.write(`${formatIssue(warning)}\n`);
    if (flags['output-dir']) await writeOutputDir(flags['output-dir'], args.chart, result, flags.canonical);
    else process.stdout.write(renderStream(result, flags.canonical));
    if (flags.notes && result.notes) process.stderr.write(result.notes.endsWith('\n') ? result.notes : `${result.notes}\n`);
  }
}

/**
 * One document per object, in install order, each headed by the template line that wrote it.
 * As written by the templates (like `helm template`), or canonical (sorted keys) on request.
 */
function documentText(result: RenderedChart, index: number, canonical: boolean): string {
  const { object, source } = result.objects[index]!;
  const body = canonical ? emitYaml(object, { canonicalKeys: true }) : withNewline(result.manifests[index]!.replace(/^\n+/, ''));
  return `---\n# Source: ${formatLocation(source)}\n${body}`;
}

// Trailing blank lines can belong to a `|+` block scalar, so they are kept as written.
function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function renderStream(result: RenderedChart, canonical: boolean): string {
  let out = '';
  for (let index = 0; index < result.objects.length; index++) out += documentText(result, index, canonical);
  return out;
}

/** Like `helm template --output-dir`: <dir>/<chart>/<path of the template inside the chart>. */
async function writeOutputDir(dir: string, chartDir: string, result: RenderedChart, canonical: boolean): Promise<void> {
  const byFile = new Map<string, string>();
  result.objects.forEach(({ source }, index) => {
    const target = join(dir, result.chart.name, relative(chartDir, source.file));
    byFile.set(target, `${byFile.get(target) ?? ''}${documentText(result, index, canonical)}`);
  });
  for (const [file, content] of byFile) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  process.stderr.write(`wrote ${result.objects.length} objects in ${byFile.size} files under ${dir}/\n`);
}
