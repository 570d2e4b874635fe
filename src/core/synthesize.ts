import type { IConstruct } from 'constructs';
import { ApiObject } from './api-object.js';
import { isAsyncObjectSource, type AsyncObjectSource } from './async-object-source.js';
import { findChartContext, isChartContext, type ChartContext } from './chart-context.js';
import { isClusterScopedKind } from './cluster-scoped.js';
import { rejectFailedValidations } from './construct-validations.js';
import { captureCreationSite } from './creation-site.js';
import { orderByDependencies, DependencyCycle } from './dependency-order.js';
import { KccError } from './errors.js';
import { installOrderRank, sortForInstall } from './install-order.js';
import { describeObject, formatLocation, objectKey, type KubeObject, type SourceLocation, type TrackedObject } from './kube-object.js';

export interface SynthesizedChart {
  /** The chart's path below the app, `/` replaced by `-`. */
  name: string;
  /** In install order, explicit dependencies respected. */
  objects: TrackedObject[];
}

export interface SynthResult {
  /** Charts ordered so that a chart comes after the charts it depends on; otherwise tree order. */
  charts: SynthesizedChart[];
}

/** A construct that yields objects: an ApiObject (one) or an AsyncObjectSource (any number). */
interface Unit {
  construct: IConstruct;
  chart: ChartContext;
  objects: TrackedObject[];
}

/**
 * Turns a construct tree into ordered manifests, in one pass over the tree:
 * 1. collect charts, ApiObjects and asynchronous sources (tree order);
 * 2. await every asynchronous source, in parallel;
 * 3. order charts by their dependencies (declared on charts, or implied by dependencies between
 *    objects in different charts), then objects by install order, dependencies first;
 * 4. reject two objects with the same kind, namespace and name.
 * Every step is linear in the size of the tree plus the number of declared dependencies.
 */
export async function synthesizeApp(root: IConstruct): Promise<SynthResult> {
  const constructs = root.node.findAll();
  rejectFailedValidations(constructs);
  const charts: ChartContext[] = [];
  const chartIndex = new Map<ChartContext, number>();
  const units: Unit[] = [];
  const unitIndex = new Map<IConstruct, number>();
  const asyncUnits: { unit: Unit; source: AsyncObjectSource }[] = [];

  for (const construct of constructs) {
    if (isChartContext(construct)) {
      chartIndex.set(construct, charts.length);
      charts.push(construct);
    }
    const isObject = ApiObject.isApiObject(construct);
    const isSource = !isObject && isAsyncObjectSource(construct);
    if (!isObject && !isSource) continue;
    const chart = isObject ? construct.chart : findChartContext(construct);
    if (!chart) throw new KccError(`${construct.node.path} is not inside a Chart`, { location: captureCreationSite()?.location });
    const unit: Unit = { construct, chart, objects: [] };
    unitIndex.set(construct, units.length);
    units.push(unit);
    if (isObject) unit.objects.push({ object: manifestOf(construct), source: sourceOf(construct), touchedBy: [] });
    else asyncUnits.push({ unit, source: construct as AsyncObjectSource });
  }

  await Promise.all(asyncUnits.map(async ({ unit, source }) => (unit.objects = await resolveSource(source, unit.chart))));

  // Only constructs that declare dependencies take part in ordering; most apps have none, and
  // then tree order (sorted into install order per chart below) is the whole answer.
  const dependents = constructs.filter((c) => c.node.dependencies.length > 0);
  const chartOrder = orderCharts(dependents, charts, chartIndex, units, unitIndex);
  const objectOrder = dependents.length ? orderUnits(dependents, units, unitIndex, chartOrder) : units.map((_, i) => i);
  const chartsWithDependencies = new Set(dependents.map((c) => findChartContext(c)));
  const output = new Map<ChartContext, TrackedObject[]>(charts.map((c) => [c, []]));
  for (const index of objectOrder) {
    const unit = units[index]!;
    const list = output.get(unit.chart)!;
    if (unit.objects.length === 1) list.push(unit.objects[0]!);
    else list.push(...sortForInstall(unit.objects));
  }
  // A source yields objects of many kinds at once; where no dependency is declared in a chart,
  // a stable sort puts them into install order too. With dependencies, the order from
  // orderUnits stands, since a declared dependency may point against install order.
  for (const [chart, list] of output) if (!chartsWithDependencies.has(chart)) output.set(chart, sortForInstall(list));

  rejectDuplicates([...output.values()].flat());
  const ordered = [...charts].sort((a, b) => chartOrder.get(a)! - chartOrder.get(b)!);
  return { charts: ordered.map((chart) => ({ name: chartName(chart), objects: output.get(chart)! })) };
}

function chartName(chart: ChartContext): string {
  return chart.node.scopes
    .slice(1)
    .map((c) => c.node.id)
    .join('-');
}

/**
 * An object's manifest. An object may define `toManifest()` to be rendered differently at synth
 * than by its public `toJson()` (the cdk8s layer applies JSON patches after a generated
 * subclass's `toJson()`, so that patched fields the subclass does not know are kept).
 */
function manifestOf(object: ApiObject): KubeObject {
  const custom = (object as { toManifest?: () => KubeObject }).toManifest;
  return custom ? custom.call(object) : object.toJson();
}

function sourceOf(object: ApiObject): SourceLocation {
  return object.location;
}

async function resolveSource(source: AsyncObjectSource, chart: ChartContext): Promise<TrackedObject[]> {
  const site = (source as { location?: SourceLocation }).location ?? { kind: 'generated' as const, file: source.node.path };
  const items = await source.resolveObjects();
  const applyDefaults = source.applyChartDefaults ?? true;
  return items.map((item) => {
    const tracked: TrackedObject = isTracked(item) ? { ...item, touchedBy: [...(item.touchedBy ?? [])] } : { object: item, source: site, touchedBy: [] };
    if (applyDefaults) tracked.object = withChartDefaults(tracked.object, chart);
    return tracked;
  });
}

function isTracked(item: KubeObject | TrackedObject): item is TrackedObject {
  return 'object' in item && 'source' in item && typeof (item as TrackedObject).object === 'object';
}

function withChartDefaults(object: KubeObject, chart: ChartContext): KubeObject {
  const metadata = { ...object.metadata };
  if (metadata.namespace === undefined && chart.namespace !== undefined && !isClusterScopedKind(object.kind)) metadata.namespace = chart.namespace;
  if (Object.keys(chart.labels).length) metadata.labels = { ...chart.labels, ...metadata.labels };
  return { ...object, metadata };
}

/**
 * Units at or below `construct`, memoised per construct so that a construct named as a
 * dependency many times is walked once.
 */
function unitsBelow(construct: IConstruct, unitIndex: Map<IConstruct, number>, memo: Map<IConstruct, number[]>): number[] {
  let found = memo.get(construct);
  if (!found) {
    found = [];
    for (const c of construct.node.findAll()) {
      const index = unitIndex.get(c);
      if (index !== undefined) found.push(index);
    }
    memo.set(construct, found);
  }
  return found;
}

function chartsOf(construct: IConstruct, units: Unit[], unitIndex: Map<IConstruct, number>, memo: Map<IConstruct, number[]>): Set<ChartContext> {
  const result = new Set<ChartContext>();
  const own = findChartContext(construct);
  if (own) result.add(own);
  for (const index of unitsBelow(construct, unitIndex, memo)) result.add(units[index]!.chart);
  return result;
}

/** Position of every chart in output: dependencies first, otherwise tree order. */
function orderCharts(
  constructs: IConstruct[],
  charts: ChartContext[],
  chartIndex: Map<ChartContext, number>,
  units: Unit[],
  unitIndex: Map<IConstruct, number>,
): Map<ChartContext, number> {
  const memo = new Map<IConstruct, number[]>();
  const dependsOn: number[][] = charts.map(() => []);
  for (const construct of constructs) {
    const targets = construct.node.dependencies;
    if (targets.length === 0) continue;
    const from = chartsOf(construct, units, unitIndex, memo);
    for (const target of targets) {
      for (const to of chartsOf(target, units, unitIndex, memo)) {
        for (const source of from) if (source !== to) dependsOn[chartIndex.get(source)!]!.push(chartIndex.get(to)!);
      }
    }
  }
  try {
    const order = orderByDependencies(charts.length, dependsOn, (a, b) => a < b);
    return new Map(order.map((chart, position) => [charts[chart]!, position]));
  } catch (error) {
    if (!(error instanceof DependencyCycle)) throw error;
    throw new KccError(`charts depend on each other in a cycle: ${error.nodes.map((i) => chartName(charts[i]!)).join(', ')}`);
  }
}

/**
 * A global order of units: chart position, then install rank, then tree order, with every unit
 * after the units it depends on. A dependency on a group construct goes through one virtual node
 * per target, so "A depends on a group of n objects" adds n + 1 edges, not n per dependent.
 */
function orderUnits(constructs: IConstruct[], units: Unit[], unitIndex: Map<IConstruct, number>, chartOrder: Map<ChartContext, number>): number[] {
  const memo = new Map<IConstruct, number[]>();
  const dependsOn: number[][] = units.map(() => []);
  const virtualOf = new Map<IConstruct, number>();
  let count = units.length;
  for (const construct of constructs) {
    const targets = construct.node.dependencies;
    if (targets.length === 0) continue;
    const dependents = unitsBelow(construct, unitIndex, memo);
    for (const target of targets) {
      let virtual = virtualOf.get(target);
      if (virtual === undefined) {
        virtual = count++;
        virtualOf.set(target, virtual);
        dependsOn[virtual] = [...unitsBelow(target, unitIndex, memo)];
      }
      for (const unit of dependents) dependsOn[unit]!.push(virtual);
    }
  }
  const rankOf = (unit: number): [number, number] => {
    const u = units[unit]!;
    return [chartOrder.get(u.chart)!, installOrderRank(u.objects[0]?.object.kind ?? '')];
  };
  const keys = units.map((_, i) => rankOf(i));
  const before = (a: number, b: number): boolean => {
    // Virtual nodes carry no output; place them as early as their dependencies allow.
    if (a >= units.length || b >= units.length) return a >= units.length ? (b >= units.length ? a < b : true) : false;
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka[0] !== kb[0] ? ka[0] < kb[0] : ka[1] !== kb[1] ? ka[1] < kb[1] : a < b;
  };
  try {
    return orderByDependencies(count, dependsOn, before).filter((node) => node < units.length);
  } catch (error) {
    if (!(error instanceof DependencyCycle)) throw error;
    const names = error.nodes.filter((i) => i < units.length).map((i) => units[i]!.construct.node.path);
    throw new KccError(`objects depend on each other in a cycle: ${names.join(', ')}`);
  }
}

function rejectDuplicates(objects: TrackedObject[]): void {
  const seen = new Map<string, TrackedObject>();
  const errors: { message: string; at: TrackedObject }[] = [];
  for (const tracked of objects) {
    const key = objectKey(tracked.object);
    const first = seen.get(key);
    if (first) errors.push({ message: `${describeObject(tracked.object)} is defined twice: at ${formatLocation(first.source)} and at ${formatLocation(tracked.source)}`, at: tracked });
    else seen.set(key, tracked);
  }
  const hint = 'give one of them a different metadata.name (or construct id): names are unique per kind and namespace';
  if (errors.length === 1) throw new KccError(errors[0]!.message, { location: errors[0]!.at.source, hint });
  if (errors.length > 1) throw new KccError(`${errors.length} objects are defined twice:\n  ${errors.map((e) => e.message).join('\n  ')}`, { hint });
}
