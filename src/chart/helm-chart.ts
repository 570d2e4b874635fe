import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Construct } from 'constructs';
import type { AsyncObjectSource } from '../core/async-object-source.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';
import { runHelmTemplate } from './helm-template.js';
import type { RenderedChart } from './render-chart.js';
import type { Values } from './values.js';

export interface HelmChartProps {
  /** A chart directory, a packaged chart, or a chart reference ("bitnami/redis", "oci://..."). */
  readonly chart: string;
  /** Chart repository URL (helm --repo); needs a helm binary. */
  readonly repo?: string;
  /** Chart version (helm --version); needs a helm binary. */
  readonly version?: string;
  readonly values?: Values;
  readonly valueFiles?: string[];
  readonly set?: string[];
  /** @default the construct id */
  readonly releaseName?: string;
  /** @default "default" */
  readonly namespace?: string;
  /** Install the chart's crds/ with it, as `helm install` does. @default true */
  readonly includeCrds?: boolean;
  /**
   * Render with this helm binary instead of kcc's built-in Helm engine (which needs no helm
   * install). Chart references and `repo` also need one.
   * @default kcc's built-in engine for local charts
   */
  readonly helmBinary?: string;
}

/**
 * An existing Helm chart, rendered when the app is synthesized (never in the constructor) by
 * Helm's own template engine built into kcc: the same output as `helm template`, CRDs from
 * crds/ first, hooks kept with their helm.sh/hook annotations. Its objects are patchable like any
 * other (overlays, `ApiObject.of`).
 */
export class HelmChart extends Construct implements AsyncObjectSource {
  readonly location?: SourceLocation;
  /** The last render (built-in engine only): chart metadata, values and NOTES. */
  rendered?: RenderedChart;

  constructor(scope: Construct, id: string, private readonly props: HelmChartProps) {
    super(scope, id);
    this.location = captureCreationSite()?.location;
  }

  async resolveObjects(): Promise<TrackedObject[]> {
    const releaseName = this.props.releaseName ?? this.node.id;
    const local = this.localChart();
    if (this.props.helmBinary || this.props.repo || !local) {
      return runHelmTemplate({ ...this.props, releaseName, location: this.location, includeCrds: this.props.includeCrds ?? true });
    }
    const { renderChart } = await import('./render-chart.js');
    this.rendered = await renderChart(local, {
      releaseName,
      namespace: this.props.namespace,
      values: this.props.values,
      valueFiles: this.props.valueFiles,
      set: this.props.set,
      includeCrds: this.props.includeCrds ?? true,
      validate: false,
    });
    return this.rendered.objects;
  }

  /** The chart on disk: relative to the working directory as helm reads it, else to the program file. */
  private localChart(): string | undefined {
    const chart = this.props.chart;
    if (isAbsolute(chart)) return existsSync(chart) ? chart : undefined;
    if (existsSync(chart)) return chart;
    if (this.location?.kind === 'typescript') {
      const besideProgram = resolve(dirname(resolve(this.location.file)), chart);
      if (existsSync(besideProgram)) return besideProgram;
    }
    return undefined;
  }
}
