import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KccError } from '../core/errors.js';
import { sortForInstall } from '../core/install-order.js';
import { track, type TrackedObject } from '../core/kube-object.js';
import { readKubernetesPin } from '../cluster/controlplane-pin.js';
import { buildCapabilities } from './capabilities.js';
import { ChartFiles } from './chart-files.js';
import type { ChartMetadata } from './chart-metadata.js';
import { flattenInstances, instantiateChart, type ChartInstance } from './chart-instance.js';
import { loadChart, type ChartFile } from './load-chart.js';
import { parseRenderedDocuments, type RenderedDocument } from './rendered-documents.js';
import { satisfiesConstraint } from './semver-constraint.js';
import { DEFAULT_MAX_DEPTH, TemplateEngine } from './template-engine.js';
import { collectUserValues, type UserValueSources } from './user-values.js';
import type { Values } from './values.js';
import { parseYamlDocuments } from './yaml-parse.js';
import type { KubeObject } from '../core/kube-object.js';
import type { ValidationIssue } from '../schema/index.js';
import { validateRenderedDocuments } from './validate-rendered.js';
import { detectTemplateLanguage, type TemplateLanguage } from './go-template/detect.js';
import type { GoTemplateOptions } from './go-template/render-go-chart.js';
import type { EngineManifest } from './go-template/engine-client.js';

export interface RenderChartOptions extends UserValueSources, GoTemplateOptions {
  /** Release.Name in templates. */
  releaseName: string;
  /** Release.Namespace in templates. @default "default" */
  namespace?: string;
  /** Capabilities.KubeVersion. @default the Kubernetes release of the bundled control plane */
  kubeVersion?: string;
  /** Release.IsUpgrade / Release.Revision for templates that care. @default a first install */
  revision?: number;
  /** How deep include/tpl may nest. @default 100 */
  maxDepth?: number;
  /** Validate every object against the schema of its kind. @default true */
  validate?: boolean;
}

export interface RenderedChart {
  /** Every object, CRDs and templates of the chart and its enabled subcharts, in install order. */
  objects: TrackedObject[];
  /**
   * manifests[i] is the YAML text a template wrote for objects[i], as written (key order,
   * comments, quoting): what `kcc template` prints, like `helm template`.
   */
  manifests: string[];
  /** NOTES.txt of the root chart, rendered. */
  notes?: string;
  chart: ChartMetadata;
  /** The root chart's final values (subcharts' values under their keys), for release records. */
  values: Values;
  /** Schema warnings (e.g. kinds no schema knows); errors are thrown instead. */
  warnings: ValidationIssue[];
  /** The chart's template language (detected from its files). @default "handlebars" */
  language?: TemplateLanguage;
  /**
   * Go-template charts: the documents exactly as `helm template` prints them, each under its
   * "# Source:" path (a crds/ file is one document there, however many objects it holds).
   */
  helmDocuments?: EngineManifest[];
}

/**
 * Renders a template chart: loads it, layers values (see user-values.ts and chart-instance.ts),
 * checks them against values.schema.json, renders every template with Handlebars and parses the
 * output. Either everything renders or a KccError says what is wrong and where; nothing partial.
 */
export async function renderChart(chartDir: string, options: RenderChartOptions): Promise<RenderedChart> {
  // Helm's own charts (Go text/template) go to Helm's engine; kcc's Handlebars charts stay here.
  const goChart = await goTemplateChartDir(chartDir);
  if (goChart) {
    const { renderGoTemplateChart } = await import('./go-template/render-go-chart.js');
    return renderGoTemplateChart(chartDir, goChart, options);
  }
  const chart = await loadChart(chartDir);
  if (chart.metadata.type === 'library') {
    throw new KccError(`chart "${chart.metadata.name}" is a library chart: it only provides named templates to other charts and cannot be rendered itself`);
  }
  const kubeVersion = options.kubeVersion ?? readKubernetesPin().kubernetes;
  const root = await instantiateChart(chart, await collectUserValues(options));
  const instances = flattenInstances(root);
  for (const instance of instances) checkKubeVersion(instance, kubeVersion);

  const engine = new TemplateEngine(options.maxDepth ?? DEFAULT_MAX_DEPTH);
  for (const instance of instances) {
    for (const partial of instance.chart.partials) engine.addPartialFile(partial.path, partial.source, instance.metadata.name);
  }
  // Compile everything first: a syntax error anywhere stops the render before any template runs.
  const jobs = instances.flatMap((instance) =>
    instance.chart.metadata.type === 'library' ? [] : instance.chart.templates.map((file) => ({ instance, file, render: engine.compileTemplate(file.path, file.source, instance.metadata.name) })),
  );
  const notes = chart.notes ? engine.compileText(chart.notes.path, chart.notes.source, root.metadata.name) : undefined;

  const capabilities = buildCapabilities(kubeVersion);
  const release = {
    Name: options.releaseName,
    Namespace: options.namespace ?? 'default',
    Revision: options.revision ?? 1,
    IsInstall: (options.revision ?? 1) === 1,
    IsUpgrade: (options.revision ?? 1) > 1,
    Service: 'kcc',
  };
  const contexts = new Map<ChartInstance, Record<string, unknown>>();
  const contextFor = (instance: ChartInstance, file: ChartFile): Record<string, unknown> => {
    let base = contexts.get(instance);
    if (!base) {
      base = { Values: instance.values, Release: release, Chart: chartObject(instance.metadata), Capabilities: capabilities, Files: new ChartFiles(instance.chart.dir) };
      contexts.set(instance, base);
    }
    return { ...base, Template: { Name: file.name, BasePath: `${instance.metadata.name}/templates` } };
  };

  // Like Helm, crds/ is installed before everything else, whatever the kind order says.
  const crds: RenderedDocument[] = instances.flatMap((instance) => instance.chart.crds.flatMap(parseCrdFile));
  const documents: RenderedDocument[] = [];
  for (const job of jobs) {
    const output = job.render(contextFor(job.instance, job.file));
    documents.push(...parseRenderedDocuments(output, job.file.path));
  }
  const renderedNotes = notes && chart.notes ? notes(contextFor(root, chart.notes)) : undefined;

  const ordered = [...crds, ...sortForInstall(documents)];
  const objects = ordered.map((document) => track(document.object, document.source));
  const warnings = options.validate === false ? [] : validateRenderedDocuments(ordered, objects);
  return {
    objects,
    manifests: ordered.map((document) => document.text),
    warnings,
    notes: renderedNotes,
    chart: chart.metadata,
    values: root.values,
  };
}

/** The directory of a Go-template chart (a packaged one unpacked), or undefined for any other chart. */
async function goTemplateChartDir(chartPath: string): Promise<string | undefined> {
  const { isPackagedChart } = await import('./go-template/render-go-chart.js');
  const dir = isPackagedChart(chartPath) ? await (await import('./packaged-chart.js')).unpackChart(chartPath) : chartPath;
  if (!existsSync(join(dir, 'Chart.yaml'))) return undefined;
  return detectTemplateLanguage(dir) === 'go-template' ? dir : undefined;
}

function checkKubeVersion(instance: ChartInstance, kubeVersion: string): void {
  const constraint = instance.metadata.kubeVersion;
  if (!constraint || satisfiesConstraint(kubeVersion, constraint)) return;
  throw new KccError(`chart "${instance.metadata.name}" requires Kubernetes ${constraint}, but the target is ${kubeVersion}`, {
    location: { kind: 'yaml', file: `${instance.chart.dir}/Chart.yaml` },
    field: 'kubeVersion',
  });
}

/** Chart.yaml under Helm's template names (.Chart.Name, .Chart.AppVersion...). */
function chartObject(metadata: ChartMetadata): Record<string, unknown> {
  return {
    Name: metadata.name,
    Version: metadata.version,
    AppVersion: metadata.appVersion ?? '',
    Description: metadata.description ?? '',
    KubeVersion: metadata.kubeVersion ?? '',
    Type: metadata.type,
    APIVersion: metadata.apiVersion,
    Keywords: metadata.keywords ?? [],
    Home: metadata.home ?? '',
    Icon: metadata.icon ?? '',
    Dependencies: metadata.dependencies,
  };
}

/** crds/ holds plain YAML (never templated), installed before everything else. */
function parseCrdFile(file: ChartFile): RenderedDocument[] {
  const out: RenderedDocument[] = [];
  for (const document of parseYamlDocuments(file.source)) {
    const error = document.errors[0];
    if (error) throw new KccError(`invalid YAML: ${error.message.split('\n')[0]}`, { location: { kind: 'yaml', file: file.path, line: error.linePos?.[0]?.line } });
    const object = document.toJS() as KubeObject | null;
    if (!object) continue;
    const line = document.contents?.range ? lineAt(file.source, document.contents.range[0]) : undefined;
    out.push({ object, source: { kind: 'yaml', file: file.path, line }, templateLines: [], text: document.toString() });
  }
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
