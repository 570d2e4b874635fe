import type { ChartMetadata } from './chart-metadata.js';
import { isDependencyEnabled, resolveDependencies } from './dependencies.js';
import type { LoadedChart } from './load-chart.js';
import { coalesceValues, isPlainMap, mergeValues, type Values } from './values.js';

/** A chart with its final values, as it will be rendered: the root chart or an enabled subchart. */
export interface ChartInstance {
  chart: LoadedChart;
  /** Metadata as templates see it: a subchart used under an alias carries the alias as its name. */
  metadata: ChartMetadata;
  values: Values;
  subcharts: ChartInstance[];
}

/**
 * Computes every chart's values, top down, as Helm does:
 * - a chart's values are the user's values for it over its values.yaml;
 * - a subchart's user values are the parent's values under the subchart's key (which already
 *   mix the parent's values.yaml with the user's), plus the parent's `global` map;
 * - the subchart's final values are written back under its key, so the parent sees them too.
 * Each chart's values are checked against its values.schema.json once final.
 */
export async function instantiateChart(chart: LoadedChart, userValues: Values, key = chart.metadata.name): Promise<ChartInstance> {
  const values = coalesceValues(userValues, chart.defaults);
  const subcharts: ChartInstance[] = [];
  for (const dependency of await resolveDependencies(chart)) {
    if (!isDependencyEnabled(dependency.dependency, values)) continue;
    const own = isPlainMap(values[dependency.key]) ? (values[dependency.key] as Values) : {};
    const input = isPlainMap(values.global) ? { ...own, global: mergeValues(isPlainMap(own.global) ? own.global : {}, values.global) } : own;
    const instance = await instantiateChart(dependency.chart, input, dependency.key);
    values[dependency.key] = instance.values;
    subcharts.push(instance);
  }
  if (chart.schema) {
    // ajv loads only for charts that have a values schema.
    const { validateChartValues } = await import('./values-schema.js');
    validateChartValues(values, chart.schema, key);
  }
  return { chart, metadata: { ...chart.metadata, name: key }, values, subcharts };
}

/** The root and every enabled subchart, parents before their subcharts. */
export function flattenInstances(root: ChartInstance): ChartInstance[] {
  return [root, ...root.subcharts.flatMap(flattenInstances)];
}
