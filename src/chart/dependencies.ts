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
  for (const dependency of chart.metadata.dependencies) {
    // charts/ may hold several versions of a chart (a stale archive beside a fresh one): take one that fits.
    const named = chart.subcharts.filter((candidate) => candidate.metadata.name === dependency.name);
    const fits = (candidate: LoadedChart) => !dependency.version || satisfiesConstraint(candidate.metadata.version, dependency.version);
    let sub: LoadedChart | undefined = named.find(fits) ?? named[0];
    if (!sub && dependency.repository) sub = await loadChartFromRepository(chart.dir, dependency.repository);
    if (!sub) throw missingDependency(chart, dependency);
    if (dependency.version && !satisfiesConstraint(sub.metadata.version, dependency.version)) {
      throw missingDependency(chart, dependency, sub);
    }
    used.add(sub);
    resolved.push({ key: dependency.alias ?? sub.metadata.name, chart: sub, dependency });
  }
  for (const sub of chart.subcharts) if (!used.has(sub)) resolved.push({ key: sub.metadata.name, chart: sub });
  return resolved;
}

/**
 * A dependency that is absent or of a version its constraint rejects: names it, its repository,
 * and the command that fetches it (for remote repositories) or the fix for local ones.
 */
function missingDependency(chart: LoadedChart, dependency: ChartDependency, present?: LoadedChart): KccError {
  const parent = `chart "${chart.metadata.name}"`;
  const version = dependency.version ? ` ${dependency.version}` : '';
  const local = !dependency.repository || dependency.repository.startsWith('file://');
  const from = dependency.repository ? ` from ${dependency.repository}` : '';
  const inRepository = dependency.repository ? ` (repository ${dependency.repository})` : '';
  const message = present
    ? `${parent} needs ${dependency.name}${version}${from}, but ${present.dir} is version ${present.metadata.version}`
    : `${parent} depends on "${dependency.name}"${version}, which is not in ${chart.dir}/charts/${inRepository}`;
  return new KccError(message, {
    location: { kind: 'yaml', file: `${chart.dir}/Chart.yaml` },
    hint: local
      ? `put a chart ${dependency.name} satisfying "${dependency.version ?? '*'}" in ${chart.dir}/charts/${dependency.name}/, or point repository: at it (file://<path>)`
      : `fetch it with \`kcc chart dependency update ${chart.dir}\` (writes Chart.lock and ${chart.dir}/charts/${dependency.name}-<version>.tgz)`,
  });
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
