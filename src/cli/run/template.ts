import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { formatLocation } from '../../core/kube-object.js';
import { emitYaml } from '../../core/yaml-emitter.js';
import type { RenderedChart } from '../../chart/render-chart.js';
import type { ParsedCommand } from '../command-spec.js';
import type { templateSpec } from '../specs/template.js';

/** `kcc template`: render a chart, print (or write) its objects, warnings and notes to stderr. */
export async function runTemplate({ args, flags }: ParsedCommand<typeof templateSpec>): Promise<void> {
  // The chart engine (Handlebars, schemas) loads only when a chart is rendered; render-chart.js
  // rather than the chart index, which also loads the TemplateChart and HelmChart constructs.
  const { renderChart } = await import('../../chart/render-chart.js');
  const { formatIssue } = await import('../../schema/validation-issue.js');
  const json = flags['error-format'] === 'json';
  const render = renderChart(args.chart, {
    releaseName: flags.name,
    namespace: flags.namespace,
    valueFiles: flags.values,
    set: flags.set,
    setString: flags['set-string'],
    setFile: flags['set-file'],
    kubeVersion: flags['kube-version'],
    validate: flags.validate,
    setJSON: flags['set-json'],
    includeCrds: flags['include-crds'],
    skipTests: flags['skip-tests'],
    revision: flags['is-upgrade'] ? 2 : undefined,
    apiVersions: flags['api-versions']?.flatMap((list) => list.split(',')),
    kubeconfig: flags.kubeconfig,
    kubeContext: flags['kube-context'],
  });
  if (json) {
    const { errorsAsJson } = await import('../errors-as-json.js');
    const outcome = await render.then(
      (rendered) => ({ rendered, errors: [] as Error[] }),
      (error: Error) => ({ rendered: undefined, errors: [error] }),
    );
    process.stderr.write(`${JSON.stringify(errorsAsJson(outcome.errors, outcome.rendered?.warnings ?? []))}\n`);
    if (!outcome.rendered) {
      process.exitCode = errorsAsJson.exitCode(outcome.errors[0]);
      return;
    }
  }
  const result = await render;
  if (!json) for (const warning of result.warnings) process.stderr.write(`${formatIssue(warning)}\n`);
  if (flags['output-dir']) await writeOutputDir(flags['output-dir'], args.chart, result, flags.canonical);
  else process.stdout.write(renderStream(result, flags.canonical));
  if (flags.notes && result.notes) process.stderr.write(result.notes.endsWith('\n') ? result.notes : `${result.notes}\n`);
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
  // A Helm chart prints as `helm template` prints it: each document under Helm's "# Source:".
  if (result.helmDocuments && !canonical) return result.helmDocuments.map((document) => `---\n# Source: ${document.path}\n${document.content}\n`).join('');
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
