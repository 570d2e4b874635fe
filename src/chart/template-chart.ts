import { dirname, isAbsolute, resolve } from 'node:path';
import { Construct } from 'constructs';
import type { AsyncObjectSource } from '../core/async-object-source.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';
import { renderChart, type RenderedChart } from './render-chart.js';
import type { Values } from './values.js';

export interface TemplateChartProps {
  /** The chart directory; a relative path is relative to the TypeScript file creating the construct. */
  readonly path: string;
  /** Values over the chart's values.yaml (the environment level of Helm's precedence). */
  readonly values?: Values;
  /** Values files, each over the previous and over `values`. */
  readonly valueFiles?: string[];
  /** `--set` style assignments, over everything else. */
  readonly set?: string[];
  /** Release.Name in templates. @default the construct id */
  readonly releaseName?: string;
  /** Release.Namespace in templates. @default "default" */
  readonly namespace?: string;
  /**
   * Validate the rendered objects here. `kcc synth` validates every object of the app anyway, so
   * this only moves template errors earlier. @default false
   */
  readonly validate?: boolean;
}

/**
 * A template chart rendered as part of a TypeScript app:
 * `new TemplateChart(chart, 'redis', { path: '../charts/redis', values: { auth: { password } } })`.
 * The constructor only records its inputs; the chart is loaded and rendered when the app is
 * synthesized (AsyncObjectSource). Each object keeps its template file:line as its source.
 */
export class TemplateChart extends Construct implements AsyncObjectSource {
  readonly path: string;
  /** Where the program created this construct (for errors and relative paths). */
  readonly location?: SourceLocation;
  /** The last render: chart metadata, final values and NOTES, for release records. */
  rendered?: RenderedChart;

  constructor(scope: Construct, id: string, private readonly props: TemplateChartProps) {
    super(scope, id);
    this.location = captureCreationSite()?.location;
    this.path = props.path;
  }

  async resolveObjects(): Promise<TrackedObject[]> {
    const base = this.location?.kind === 'typescript' ? dirname(resolve(this.location.file)) : process.cwd();
    const chartDir = isAbsolute(this.path) ? this.path : resolve(base, this.path);
    this.rendered = await renderChart(chartDir, {
      releaseName: this.props.releaseName ?? this.node.id,
      namespace: this.props.namespace,
      values: this.props.values,
      valueFiles: this.props.valueFiles?.map((file) => (isAbsolute(file) ? file : resolve(base, file))),
      set: this.props.set,
      validate: this.props.validate ?? false,
    });
    return this.rendered.objects;
  }
}
