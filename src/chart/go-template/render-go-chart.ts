import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { track, type KubeObject, type SourceLocation } from '../../core/kube-object.js';
import { readKubernetesPin } from '../../cluster/controlplane-pin.js';
import type { ChartMetadata } from '../chart-metadata.js';
import { parseFastYaml } from '../../core/fast-yaml.js';
import type { RenderChartOptions, RenderedChart } from '../render-chart.js';
import type { RenderedDocument } from '../rendered-documents.js';
import { validateRenderedDocuments } from '../validate-rendered.js';
import { isPlainMap } from '../values.js';
import { yamlLibrary } from '../../schema/lazy-yaml.js';
import { renderWithHelmEngine, type EngineError, type EngineManifest, type EngineResult } from './engine-client.js';

/** What a Go-template render adds to RenderChartOptions (the `helm template` flags kcc passes on). */
export interface GoTemplateOptions {
  /**
   * Include the chart's crds/ (helm --include-crds). `kcc template` leaves them out unless asked,
   * as `helm template` does; everything that installs a chart (apply, TemplateChart, HelmChart,
   * kcc.yaml charts) includes them. @default true
   */
  includeCrds?: boolean;
  /** Leave out hooks whose event is `test` (helm --skip-tests). */
  skipTests?: boolean;
  /** Extra Capabilities.APIVersions (helm --api-versions). */
  apiVersions?: string[];
  /** `--set-json` assignments, applied before --set. */
  setJSON?: string[];
  /** A kubeconfig: `lookup` then reads that cluster (as `helm template --dry-run=server`). */
  kubeconfig?: string;
  kubeContext?: string;
}

/**
 * Renders a Helm (Go text/template) chart with Helm's own engine (kcc-helm, built from the
 * helm.sh/helm Go module), then hands its objects to kcc's pipeline like any chart's: tracked to
 * their template file, validated, patchable. Hooks stay in the output with their helm.sh/hook
 * annotations, after the ordinary objects, as `helm template` prints them.
 */
export async function renderGoTemplateChart(chartPath: string, chartDir: string, options: RenderChartOptions & GoTemplateOptions): Promise<RenderedChart> {
  const result = await renderWithHelmEngine({
    chart: chartPath,
    releaseName: options.releaseName,
    namespace: options.namespace ?? 'default',
    values: options.values,
    valueFiles: options.valueFiles,
    setJSON: options.setJSON,
    set: options.set,
    setString: options.setString,
    setFile: options.setFile,
    isUpgrade: (options.revision ?? 1) > 1,
    kubeVersion: options.kubeVersion ?? readKubernetesPin().kubernetes,
    apiVersions: options.apiVersions,
    kubeconfig: options.kubeconfig,
    kubeContext: options.kubeContext,
  });
  if (result.error) throw toKccError(result.error, chartPath, chartDir, result.chart?.name);

  const printed: EngineManifest[] = [
    ...(options.includeCrds === false ? [] : result.crds),
    ...result.manifests,
    ...result.hooks.filter((hook) => !(options.skipTests && hook.events.includes('test'))),
  ];
  const documents = printed.flatMap((manifest) => parseManifest(manifest, chartDir));
  const objects = documents.map((document) => track(document.object, document.source));
  const warnings = options.validate === false ? [] : validateRenderedDocuments(documents, objects);
  return {
    objects,
    manifests: documents.map((document) => document.text),
    helmDocuments: printed,
    warnings,
    notes: result.notes || undefined,
    chart: toMetadata(result),
    values: (result.values ?? {}) as RenderedChart['values'],
    language: 'go-template',
  };
}

/** Helm's "<chart>/templates/x.yaml" as a file path under the chart directory, for messages. */
export function helmPathToFile(path: string, chartDir: string): string {
  const slash = path.indexOf('/');
  const inChart = slash === -1 ? path : path.slice(slash + 1);
  const file = join(chartDir, inChart);
  return existsSync(file) ? file : join(chartDir, '..', path);
}

/** One printed manifest (a crds/ file may hold several documents) as kcc's rendered documents. */
function parseManifest(manifest: EngineManifest, chartDir: string): RenderedDocument[] {
  const file = helmPathToFile(manifest.path, chartDir);
  const out: RenderedDocument[] = [];
  for (const text of splitDocuments(manifest.content)) {
    const source: SourceLocation = { kind: 'template', file };
    const lines = text.split('\n');
    let value = parseFastYaml(lines);
    if (value === undefined) {
      // Helm accepts repeated keys (the last wins), so kcc's reading of its output does too.
      const document = yamlLibrary().parseDocument(text, { version: '1.1', uniqueKeys: false });
      const error = document.errors[0];
      if (error) throw new KccError(`Helm rendered invalid YAML: ${error.message.split('\n')[0]}`, { location: { ...source, line: error.linePos?.[0]?.line } });
      value = document.toJS({ maxAliasCount: 100 });
    }
    if (value === null || value === undefined) continue;
    if (!isPlainMap(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
      throw new KccError('rendered document is not a Kubernetes object: it needs apiVersion and kind', { location: source, hint: `Helm's source: ${manifest.path}` });
    }
    if (value.metadata === undefined || value.metadata === null) value.metadata = {};
    out.push({ object: value as KubeObject, source, text, templateLines: [] });
  }
  return out;
}

function splitDocuments(content: string): string[] {
  if (!/^---/m.test(content)) return [content];
  return content.split(/^---[ \t]*(?:#.*)?$/m).filter((part) => part.trim() !== '');
}

function toMetadata(result: EngineResult): ChartMetadata {
  const chart = result.chart!;
  return {
    apiVersion: chart.apiVersion ?? 'v2',
    name: chart.name,
    version: chart.version,
    appVersion: chart.appVersion || undefined,
    description: chart.description || undefined,
    kubeVersion: chart.kubeVersion || undefined,
    type: chart.type === 'library' ? 'library' : 'application',
    dependencies: [],
  };
}

const HINTS: Record<EngineError['kind'], string | undefined> = {
  template: undefined,
  yaml: 'the template printed text that is not YAML: check indentation (nindent/indent) around the line Helm names',
  values: 'fix the values (or the chart\'s values.schema.json); `kcc template` takes -f FILE and --set KEY=VALUE as helm does',
  dependency: 'fetch the chart\'s dependencies into charts/ (`kcc chart dependency update DIR` or `helm dependency build DIR`)',
  chart: undefined,
  other: undefined,
};

/** Helm's error as a KccError at the template file and line Helm names, with the failing expression. */
export function toKccError(error: EngineError, chartPath: string, chartDir: string, chartName?: string): KccError {
  const location: SourceLocation | undefined = error.file ? { kind: 'template', file: helmPathToFile(error.file, chartDir), line: error.line, column: error.column } : undefined;
  const expression = error.expression ? ` (failing expression: ${error.expression})` : '';
  const name = chartName ?? chartPath;
  return new KccError(`Helm chart "${name}": ${error.message}${expression}`, { location, hint: HINTS[error.kind] });
}

/** A packaged chart is a file; everything else is read as a chart directory. */
export function isPackagedChart(chartPath: string): boolean {
  return /\.(tgz|tar\.gz)$/.test(chartPath) && existsSync(chartPath) && statSync(chartPath).isFile();
}
