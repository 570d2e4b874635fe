import type { IConstruct } from 'constructs';

/**
 * What an object needs from the chart it lives in. A separate module so that `api-object.ts`
 * does not import `chart.ts` (which imports `api-object.ts` to collect objects).
 */
export const CHART_MARKER = Symbol.for('kcc.Chart');

export interface ChartContext extends IConstruct {
  readonly [CHART_MARKER]: true;
  /** Stamped on namespaced objects that do not set a namespace themselves. */
  readonly namespace?: string;
  /** Added to every object in the chart; an object's own label with the same key wins. */
  readonly labels: Readonly<Record<string, string>>;
  /** When true, derived names have no hash suffix. */
  readonly disableResourceNameHashes: boolean;
  /** The name of an object in this chart that sets no metadata.name (see `Chart.generateObjectName`). */
  generateObjectName?(object: NamedObject): string;
}

/** What naming needs from an object: its place in the tree and its kind. */
export interface NamedObject extends IConstruct {
  readonly kind: string;
}

export function isChartContext(value: unknown): value is ChartContext {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CHART_MARKER] === true;
}

/** The nearest chart at or above `construct`. */
export function findChartContext(construct: IConstruct): ChartContext | undefined {
  for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
    if (isChartContext(current)) return current;
  }
  return undefined;
}
