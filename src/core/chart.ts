import { Construct, type IConstruct } from 'constructs';
import { ApiObject, defaultObjectName } from './api-object.js';
import { CHART_MARKER, isChartContext, type ChartContext, type NamedObject } from './chart-context.js';
import { KccError } from './errors.js';
import { sortForInstall } from './install-order.js';
import type { KubeObject } from './kube-object.js';

export interface ChartProps {
  /**
   * Namespace for every namespaced object in the chart that does not set its own.
   * @default none: objects go to the namespace of the kubectl context / apply target
   */
  readonly namespace?: string;
  /**
   * Labels added to every object in the chart (an object's own label with the same key wins).
   * @default none
   */
  readonly labels?: Record<string, string>;
  /**
   * Derive object names without the hash suffix (`web-deployment` instead of
   * `web-deployment-1a2b3c4d`); you then keep names unique yourself.
   * @default false
   */
  readonly disableResourceNameHashes?: boolean;
}

/**
 * A group of objects synthesized into one manifest file (`dist/<name>.k8s.yaml`). Charts can
 * depend on each other; the output lists them so that dependencies come first.
 */
export class Chart extends Construct implements ChartContext {
  static isChart(value: unknown): value is Chart {
    return isChartContext(value);
  }

  /** The nearest chart at or above `construct`. */
  static of(construct: IConstruct): Chart {
    for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
      if (Chart.isChart(current)) return current;
    }
    throw new KccError(`${construct.node.path || '<app>'} is not inside a Chart`);
  }

  readonly [CHART_MARKER] = true as const;
  readonly namespace?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly disableResourceNameHashes: boolean;

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id);
    this.namespace = props.namespace;
    this.labels = { ...props.labels };
    this.disableResourceNameHashes = props.disableResourceNameHashes ?? false;
  }

  /** The chart's name in output: its construct path with `/` as `-` (the file is `<name>.k8s.yaml`). */
  get name(): string {
    return this.node.scopes
      .slice(1)
      .map((c) => c.node.id)
      .join('-');
  }

  /**
   * The name of an object in this chart that sets no metadata.name: its construct path, cleaned
   * and hashed as cdk8s does (see `nameFromPath`). Override it to name objects your own way.
   */
  generateObjectName(object: NamedObject): string {
    return defaultObjectName(object, this);
  }

  /** This chart is output, and its objects installed, after the given constructs. */
  addDependency(...dependencies: IConstruct[]): void {
    this.node.addDependency(...dependencies);
  }

  /** The ApiObjects that belong to this chart (not to a chart nested inside it), in tree order. */
  get apiObjects(): ApiObject[] {
    return this.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.chart === this);
  }

  /**
   * This chart's ApiObjects as manifests in install order, without asynchronous sources and
   * dependency ordering; `App.synth()` gives the complete, ordered result.
   */
  toJson(): KubeObject[] {
    return sortForInstall(this.apiObjects.map((o) => o.toJson()));
  }
}
