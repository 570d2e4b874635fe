import { Construct, type IConstruct } from 'constructs';
import { defaultObjectName } from '../core/api-object.js';
import { CHART_MARKER, type ChartContext, type NamedObject } from '../core/chart-context.js';
import { rejectFailedValidations } from '../core/construct-validations.js';
import { KccError } from '../core/errors.js';
import type { ApiObject } from './api-object.js';
import { DependencyGraph } from './dependency.js';

const CDK8S_CHART = Symbol.for('cdk8s.Chart');
const CDK8S_API_OBJECT = Symbol.for('cdk8s.ApiObject');

export interface ChartProps {
  /** Namespace of every namespaced object in the chart that sets none. @default none */
  readonly namespace?: string;
  /** Labels on every object in the chart. @default none */
  readonly labels?: { [name: string]: string };
  /** Derived names without the hash suffix. @default false */
  readonly disableResourceNameHashes?: boolean;
}

/**
 * cdk8s's Chart, as a kcc chart (the synthesizer treats it as one: one output file, ordering,
 * dependencies). Override `generateObjectName` to name objects your own way, as in cdk8s.
 */
export class Chart extends Construct implements ChartContext {
  /** True for cdk8s charts (attribute detection). */
  static isChart(x: any): x is Chart {
    return x !== null && typeof x === 'object' && CDK8S_CHART in x;
  }

  static [Symbol.hasInstance](o: unknown): boolean {
    return Chart.isChart(o);
  }

  /** The chart `c` is in (`c` itself if it is one). */
  static of(c: IConstruct): Chart {
    for (let current: IConstruct | undefined = c; current; current = current.node.scope) {
      if (Chart.isChart(current)) return current;
    }
    throw new KccError(`cannot find a parent chart (directly or indirectly) for ${c.node.path || 'the app'}`, {
      hint: "create a Chart (new Chart(app, 'name')) and use it, or a construct inside it, as the scope",
    });
  }

  readonly [CHART_MARKER] = true as const;
  /** The default namespace of the chart's objects. */
  readonly namespace?: string;
  readonly disableResourceNameHashes: boolean;
  private readonly chartLabels: { [name: string]: string };

  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id);
    this.namespace = props.namespace;
    this.chartLabels = { ...props.labels };
    this.disableResourceNameHashes = props.disableResourceNameHashes ?? false;
    Object.defineProperty(this, CDK8S_CHART, { value: true });
  }

  /** Labels on every object in the chart (a copy). */
  get labels(): { [name: string]: string } {
    return { ...this.chartLabels };
  }

  /** The name of an object that sets no metadata.name (cdk8s's scheme, see core/names.ts). */
  generateObjectName(apiObject: NamedObject): string {
    return defaultObjectName(apiObject, this);
  }

  /** This chart is output, and its objects installed, after the given constructs. */
  addDependency(...dependencies: IConstruct[]): void {
    this.node.addDependency(...dependencies);
  }

  /** The ApiObjects directly below this chart. */
  get apiObjects(): ApiObject[] {
    return this.node.children.filter(isApiObject);
  }

  /**
   * This chart's objects as manifests (every ApiObject whose nearest chart is this one), in
   * dependency order; the app's validations run first, as in cdk8s.
   */
  toJson(): any[] {
    rejectFailedValidations(this.node.root.node.findAll());
    return new DependencyGraph(this.node)
      .topology()
      .filter((c): c is ApiObject => isApiObject(c) && Chart.of(c) === this)
      .map((o) => o.toManifest());
  }
}

function isApiObject(c: unknown): c is ApiObject {
  return c !== null && typeof c === 'object' && CDK8S_API_OBJECT in c;
}
