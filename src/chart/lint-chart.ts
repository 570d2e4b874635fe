import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { KccError, KccErrors } from '../core/errors.js';
import { formatIssue } from '../schema/index.js';
import { loadChart } from './load-chart.js';
import { renderChart, type RenderChartOptions } from './render-chart.js';
import { detectTemplateLanguage } from './go-template/detect.js';

export interface ChartLintResult {
  chart: string;
  /** Problems that make the chart unusable: it does not load, render or validate. */
  errors: KccError[];
  /** Things worth fixing that do not stop a render. */
  warnings: string[];
  /** Objects rendered with the given values (0 when rendering failed). */
  objects: number;
}

/**
 * Checks a chart the way `helm lint` does, with kcc's stricter rendering: Chart.yaml and values
 * load, values match the schema, every template renders with the chart's own defaults (plus any
 * values given) and every object validates against the Kubernetes schema.
 */
export async function lintChart(dir: string, options: Partial<RenderChartOptions> = {}): Promise<ChartLintResult> {
  const result: ChartLintResult = { chart: dir, errors: [], warnings: [], objects: 0 };
  try {
    // A packaged chart is detected once unpacked, by renderChart; here only directories are.
    if (existsSync(join(dir, 'Chart.yaml')) && detectTemplateLanguage(dir) === 'go-template') return await lintGoTemplateChart(dir, options, result);
    const chart = await loadChart(dir);
    if (chart.metadata.name !== basename(resolve(dir))) result.warnings.push(`chart name "${chart.metadata.name}" differs from its directory name "${basename(resolve(dir))}"`);
    if (!chart.metadata.description) result.warnings.push('Chart.yaml has no description');
    if (!chart.schema) result.warnings.push('no values.schema.json: values are not checked before rendering');
    if (!existsSync(join(dir, 'README.md'))) result.warnings.push('no README.md documenting the values');
    if (chart.metadata.type === 'library') return result;
    if (chart.templates.length === 0) result.warnings.push('templates/ holds no manifest templates');
    const rendered = await renderChart(dir, { releaseName: 'lint', ...options });
    result.objects = rendered.objects.length;
    result.warnings.push(...rendered.warnings.map(formatIssue));
  } catch (error) {
    if (error instanceof KccErrors) result.errors.push(...error.errors);
    else if (error instanceof KccError) result.errors.push(error);
    else throw error;
  }
  return result;
}

/**
 * A Helm chart: Helm's engine renders it (Chart.yaml and values are read by Helm, so a Helm
 * chart kcc's own loader would reject still lints as Helm would render it), then kcc validates.
 */
async function lintGoTemplateChart(dir: string, options: Partial<RenderChartOptions>, result: ChartLintResult): Promise<ChartLintResult> {
  if (!existsSync(join(dir, 'values.schema.json'))) result.warnings.push('no values.schema.json: values are not checked before rendering');
  if (!existsSync(join(dir, 'README.md'))) result.warnings.push('no README.md documenting the values');
  // A library chart only provides named templates: Helm cannot render it alone.
  if (/^type:\s*["']?library/m.test(readFileSync(join(dir, 'Chart.yaml'), 'utf8'))) return result;
  const rendered = await renderChart(dir, { releaseName: 'lint', ...options });
  if (rendered.chart.name !== basename(resolve(dir))) result.warnings.push(`chart name "${rendered.chart.name}" differs from its directory name "${basename(resolve(dir))}"`);
  if (!rendered.chart.description) result.warnings.push('Chart.yaml has no description');
  result.objects = rendered.objects.length;
  result.warnings.push(...rendered.warnings.map(formatIssue));
  return result;
}
