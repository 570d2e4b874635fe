import { KccError } from '../core/errors.js';
import type { ChartDependency } from './chart-metadata.js';
import { loadChartFromRepository, type LoadedChart } from './load-chart.js';
import { satisfiesConstraint } from './semver-constraint.js';
import { getValuePath, isPlainMap, type Values } from './values.js';

/** A subchart as its parent uses it: under its alias (if any), with the dependency entry. */
export interface ResolvedDependency {
  /** The values key and Chart.Name of the subchart: the alias, else the chart's name. */
  key: string;
  chart: LoadedChart;
  dependency?: ChartDependency;
}

/**
 * Matches Chart.yaml dependencies to local charts (charts/<dir> by chart name, or a file://
 * repository) and checks each version constraint. Charts found in charts/ that no dependency names
 * are rendered as well, as Helm does.
 */
export async function resolveDependencies(chart: LoadedChart): Promise<ResolvedDependency[]> {
  const resolved: ResolvedDependency[] = [];
  const used = new Set<LoadedChart>();
  const parent = chart.metadata.name;
  for (const dependency of chart.metadata.dependencies) {
    let sub = chart.subcharts.find((candidate) => candidate.metadata.name === dependency.name);
    if (!sub && dependency.repository) sub = await loadChartFromRepository(chart.dir, dependency.repository);
    if (!sub) {
      const remote = dependency.repository && !dependency.repository.startsWith('file://');
      throw new KccError(`chart "${parent}" depends on "${dependency.name}"${dependency.version ? ` ${dependency.version}` : ''}, which is not in ${chart.dir}/charts/`, {
        location: { kind: 'yaml', file: `${chart.dir}/Chart.yaml` },
        hint: remote
          ? `kcc renders local charts only: fetch it once (e.g. \`helm pull ${dependency.repository}/${dependency.name} --untar --untardir ${chart.dir}/charts\`)`
          : `copy the chart into ${chart.dir}/charts/${dependency.name}/ or set repository: file://<path>`,
      });
    }
    if (dependency.version && !satisfiesConstraint(sub.metadata.version, dependency.version)) {
      throw new KccError(`chart "${parent}" needs ${dependency.name} ${dependency.version}, but ${sub.dir} is version ${sub.metadata.version}`, {
        location: { kind: 'yaml', file: `${chart.dir}/Chart.yaml` },
        hint: 'update the subchart or the version constraint in Chart.yaml',
      });
    }
    used.add(sub);
    resolved.push({ key: dependency.alias ?? sub.metadata.name, chart: sub, dependency });
  }
  for (const sub of chart.subcharts) if (!used.has(sub)) resolved.push({ key: sub.metadata.name, chart: sub });
  return resolved;
}

/**
 * Helm's rule: each path in `condition` is looked up in the parent's values; the first that holds a
 * boolean decides. Without one, `tags` decide (any tag set to true enables). Otherwise enabled.
 */
export function isDependencyEnabled(dependency: ChartDependency | undefined, parentValues: Values): boolean {
  if (!dependency) return true;
  for (const path of (dependency.condition ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const value = getValuePath(parentValues, path);
    if (typeof value === 'boolean') return value;
  }
  const tags = isPlainMap(parentValues.tags) ? parentValues.tags : {};
  const tagValues = (dependency.tags ?? []).map((tag) => tags[tag]).filter((value): value is boolean => typeof value === 'boolean');
  if (tagValues.length) return tagValues.some(Boolean);
  return true;
}
