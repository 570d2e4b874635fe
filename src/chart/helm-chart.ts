import { Construct } from 'constructs';
import type { AsyncObjectSource } from '../core/async-object-source.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';
import { runHelmTemplate } from './helm-template.js';
import type { Values } from './values.js';

export interface HelmChartProps {
  /** A chart directory, a packaged chart, or a chart reference ("bitnami/redis", "oci://..."). */
  readonly chart: string;
  /** Chart repository URL (helm --repo). */
  readonly repo?: string;
  /** Chart version (helm --version). */
  readonly version?: string;
  readonly values?: Values;
  readonly valueFiles?: string[];
  readonly set?: string[];
  /** @default the construct id */
  readonly releaseName?: string;
  /** @default "default" */
  readonly namespace?: string;
  /** @default $KCC_HELM, else "helm" on the PATH */
  readonly helmBinary?: string;
}

/**
 * An existing Helm chart, rendered by the real `helm template` when the app is synthesized (never
 * in the constructor). Fails with a clear message when helm is not installed.
 */
export class HelmChart extends Construct implements AsyncObjectSource {
  readonly location?: SourceLocation;

  constructor(scope: Construct, id: string, private readonly props: HelmChartProps) {
    super(scope, id);
    this.location = captureCreationSite()?.location;
  }

  resolveObjects(): Promise<TrackedObject[]> {
    return runHelmTemplate({ ...this.props, releaseName: this.props.releaseName ?? this.node.id, location: this.location });
  }
}
