import type { IConstruct } from 'constructs';
import type { KubeObject, TrackedObject } from './kube-object.js';

/**
 * A construct whose objects come from an asynchronous step: reading files, rendering a template
 * chart, fetching a URL. Constructors never do I/O; `App.synth()` awaits `resolveObjects()` of
 * every such construct (all in parallel, once per synth) before producing output.
 *
 * Return plain objects (they get the location where the construct was created) or
 * TrackedObjects carrying their own location (a YAML file:line, a template line). The chart's
 * namespace and labels are applied to them as to any ApiObject, unless `applyChartDefaults` is
 * false.
 */
export interface AsyncObjectSource extends IConstruct {
  resolveObjects(): Promise<Array<KubeObject | TrackedObject>>;
  /** @default true */
  readonly applyChartDefaults?: boolean;
}

export function isAsyncObjectSource(value: unknown): value is AsyncObjectSource {
  return typeof value === 'object' && value !== null && typeof (value as { resolveObjects?: unknown }).resolveObjects === 'function';
}
