import { resolve } from 'node:path';
import { KccError } from '../core/errors.js';
import { sortForInstall } from '../core/install-order.js';
import type { TrackedObject } from '../core/kube-object.js';
import { buildKustomization, type HelmOptions, type LoadRestrictor } from '../overlay/index.js';
import { isNamespaced } from '../schema/api-resources.js';
import { loadProject, type Environment, type Project } from './project-file.js';

export interface CompileOptions {
  /** Project directory (holding kcc.yaml). */
  dir: string;
  /** Environment name from kcc.yaml; defaults to `defaultEnvironment`, else none. */
  env?: string;
  /** TypeScript entry overriding kcc.yaml's `app`. */
  app?: string;
  /** Extra values files and --set arguments for every template chart. */
  valueFiles?: string[];
  set?: string[];
  /** Type-check the app before running it. */
  typecheck?: boolean;
  /** 'none' lets overlays read files outside their directories (kustomize's LoadRestrictionsNone). */
  loadRestrictor?: LoadRestrictor;
  /** Overlay warnings become errors; kcc.yaml's `strict` when not given. */
  strict?: boolean;
  /** `--enable-helm` for the overlay's helmCharts. */
  helm?: HelmOptions;
}

export interface CompiledChart {
  name: string;
  objects: TrackedObject[];
}

export interface CompiledProject {
  project: Project;
  environment?: { name: string } & Environment;
  /** Final objects grouped by the source they came from (app charts, template charts, overlay files). */
  charts: CompiledChart[];
  /** Every final object, in install order. */
  objects: TrackedObject[];
  notes: string[];
}

/**
 * The project pipeline, top to bottom:
 *   1. read kcc.yaml and pick the environment;
 *   2. sources: run the TypeScript app (each of its charts is a source), render template charts
 *      with the environment's values and namespace;
 *   3. the environment's overlay (a kustomization) over the sources it names as `kcc:app`,
 *      `kcc:chart/<name>` or `kcc:all`; sources it does not name pass through unchanged;
 *   4. the environment's namespace for namespaced objects that still have none;
 *   5. install order.
 */
export async function compileProject(options: CompileOptions): Promise<CompiledProject> {
  const loaded = loadProject(options.dir);
  const { project, dir } = loaded;
  const notes: string[] = [];
  const environment = pickEnvironment(project, options.env, loaded.locate);

  // 2. sources
  const sources: CompiledChart[] = [];
  const appEntry = options.app ?? (project.app ? resolve(dir, project.app) : undefined);
  if (appEntry) {
    const { runProgram } = await import('./run-program.js');
    const program = await runProgram(appEntry, { typecheck: options.typecheck });
    sources.push(...program.charts.map((chart) => ({ name: chart.name, objects: chart.objects })));
  }
  const templateCharts: CompiledChart[] = [];
  for (const chart of project.charts ?? []) {
    const { renderChart, mergeValues } = await import('../chart/index.js');
    const rendered = await renderChart(resolve(dir, chart.path), {
      releaseName: chart.releaseName ?? chart.name,
      namespace: environment?.namespace ?? chart.namespace,
      // Environment values override the project's, key by key at every depth.
      values: mergeValues(chart.values ?? {}, environment?.values?.[chart.name] ?? {}),
      valueFiles: [...(chart.valueFiles ?? []), ...(environment?.valueFiles?.[chart.name] ?? [])].map((file) => resolve(dir, file)).concat(options.valueFiles ?? []),
      set: options.set,
    });
    if (rendered.notes) notes.push(rendered.notes);
    templateCharts.push({ name: chart.name, objects: rendered.objects });
  }
  const appCharts = sources;
  const allSources = [...appCharts, ...templateCharts];

  // 3. overlay
  const overlayDir = environment?.overlay ?? (environment ? undefined : project.overlay);
  let charts: CompiledChart[] = allSources;
  if (overlayDir) {
    const origin = new Map<TrackedObject, string>();
    for (const chart of allSources) for (const object of chart.objects) origin.set(object, chart.name);
    const used = new Set<CompiledChart>();
    const resolveSource = async (reference: string): Promise<TrackedObject[]> => {
      let picked: CompiledChart[];
      if (reference === 'all') picked = allSources;
      else if (reference === 'app') picked = appCharts;
      else if (reference.startsWith('chart/')) picked = allSources.filter((chart) => chart.name === reference.slice('chart/'.length));
      else picked = [];
      if (!picked.length) {
        throw new KccError(`kcc:${reference} names no source of this project`, {
          hint: `known: kcc:all, kcc:app${allSources.map((c) => `, kcc:chart/${c.name}`).join('')}`,
        });
      }
      for (const chart of picked) {
        if (used.has(chart)) throw new KccError(`kcc source '${chart.name}' is included twice by the overlay`);
        used.add(chart);
      }
      return picked.flatMap((chart) => chart.objects);
    };
    const built = await buildKustomization(resolve(dir, overlayDir), { resolveSource, loadRestrictor: options.loadRestrictor, strict: options.strict ?? project.strict, helm: options.helm });
    notes.push(...built.warnings);
    const groups = new Map<string, TrackedObject[]>();
    const overlayName = environment ? `${environment.name}` : 'overlay';
    for (const object of built.objects) {
      const name = origin.get(object) ?? overlayName;
      groups.set(name, [...(groups.get(name) ?? []), object]);
    }
    const passedThrough = allSources.filter((chart) => !used.has(chart));
    for (const chart of passedThrough) {
      notes.push(`source '${chart.name}' is not named by overlay ${overlayDir} (add kcc:chart/${chart.name} or kcc:all to its resources); its objects are not overlaid`);
      groups.set(chart.name, [...(groups.get(chart.name) ?? []), ...chart.objects]);
    }
    charts = [...groups.entries()].map(([name, objects]) => ({ name, objects }));
  }

  // 4. environment namespace
  if (environment?.namespace) {
    for (const chart of charts) {
      for (const tracked of chart.objects) {
        const object = tracked.object;
        if (object.metadata.namespace || !isNamespaced(object.apiVersion, object.kind)) continue;
        object.metadata.namespace = environment.namespace;
        tracked.touchedBy.push(`kcc.yaml: environments.${environment.name}.namespace`);
      }
    }
  }

  // 5. install order
  const objects = sortForInstall(charts.flatMap((chart) => chart.objects));
  return { project, environment, charts: charts.map(({ name, objects: list }) => ({ name, objects: list })), objects, notes };
}

function pickEnvironment(project: Project, requested: string | undefined, locate: (path: (string | number)[]) => import('../core/kube-object.js').SourceLocation): ({ name: string } & Environment) | undefined {
  const name = requested ?? project.defaultEnvironment;
  if (!name) return undefined;
  const environment = project.environments?.[name];
  if (!environment) {
    const known = Object.keys(project.environments ?? {});
    throw new KccError(`no environment '${name}' in kcc.yaml`, {
      location: locate(requested ? ['environments'] : ['defaultEnvironment']),
      hint: known.length ? `known environments: ${known.join(', ')}` : 'add it under environments:',
    });
  }
  return { name, ...environment };
}
