import { Construct } from 'constructs';
import type { ApiObject, ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { HorizontalPodAutoscaler as HpaV1 } from '../k8s/autoscaling-v1.js';
import { HorizontalPodAutoscaler as HpaV2, type MetricSpec } from '../k8s/autoscaling-v2.js';
import { atSynth } from './lazy.js';

/**
 * What the autoscaler watches: `Metric.cpuUtilization(50)` (percent of requests),
 * `Metric.memoryAverage('500Mi')`, `Metric.pods('packets-per-second', '1k')`.
 */
export class Metric {
  /** Average use of a resource as a percentage of the pods' requests. */
  static resourceUtilization(resource: 'cpu' | 'memory', percent: number): Metric {
    return new Metric({ type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: percent } } });
  }

  static cpuUtilization(percent: number): Metric {
    return Metric.resourceUtilization('cpu', percent);
  }

  static memoryUtilization(percent: number): Metric {
    return Metric.resourceUtilization('memory', percent);
  }

  /** Average absolute use per pod (e.g. `'500Mi'`, `'250m'`). */
  static resourceAverage(resource: 'cpu' | 'memory', value: string): Metric {
    return new Metric({ type: 'Resource', resource: { name: resource, target: { type: 'AverageValue', averageValue: value } } });
  }

  static memoryAverage(value: string): Metric {
    return Metric.resourceAverage('memory', value);
  }

  /** A custom per-pod metric averaged across pods. */
  static pods(name: string, averageValue: string): Metric {
    return new Metric({ type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue } } });
  }

  /** A metric from outside the cluster (a queue length...). */
  static external(name: string, target: { value?: string; averageValue?: string }): Metric {
    const spec = target.value !== undefined ? { type: 'Value', value: target.value } : { type: 'AverageValue', averageValue: target.averageValue };
    return new Metric({ type: 'External', external: { metric: { name }, target: spec } });
  }

  private constructor(readonly spec: MetricSpec) {}
}

/** A scalable workload: any kcc-plus Deployment/StatefulSet/ReplicaSet, or an explicit reference. */
export type ScaleTarget =
  { readonly node: { readonly defaultChild?: unknown } } | { readonly apiVersion: string; readonly kind: string; readonly name: string };

export interface HorizontalPodAutoscalerProps {
  readonly metadata?: ApiObjectMetadataProps;
  readonly target: ScaleTarget;
  /** @default 1 */
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  /** @default CPU at 80 % of requests (Kubernetes' default) */
  readonly metrics?: Metric[];
  /**
   * `autoscaling/v1` (targetCPUUtilizationPercentage, as older docs write it) instead of v2;
   * v1 can only express one CPU utilization metric.
   * @default autoscaling/v2
   */
  readonly apiVersion?: 'autoscaling/v2' | 'autoscaling/v1';
}

/** Scales a workload between min and max replicas to keep its metrics at their targets. */
export class HorizontalPodAutoscaler extends Construct {
  readonly apiObject: HpaV1 | HpaV2;

  constructor(scope: Construct, id: string, props: HorizontalPodAutoscalerProps) {
    super(scope, id);
    const location = captureCreationSite()?.location;
    const min = props.minReplicas ?? 1;
    if (min < 1 || props.maxReplicas < min) {
      throw new KccError(`replicas from ${min} to ${props.maxReplicas}: need 1 <= minReplicas <= maxReplicas`, { location });
    }
    const target = () => scaleTargetRef(props.target);
    if (props.apiVersion === 'autoscaling/v1') {
      const metrics = props.metrics ?? [];
      const cpu = metrics[0]?.spec.resource;
      if (metrics.length > 1 || (metrics.length === 1 && (cpu?.name !== 'cpu' || cpu.target.type !== 'Utilization'))) {
        throw new KccError('autoscaling/v1 can only scale on one CPU utilization metric', {
          location,
          hint: 'use autoscaling/v2 (the default) for other metrics',
        });
      }
      this.apiObject = new HpaV1(this, 'Resource', {
        metadata: props.metadata,
        spec: atSynth(() => ({
          scaleTargetRef: target(),
          minReplicas: min,
          maxReplicas: props.maxReplicas,
          ...(cpu ? { targetCPUUtilizationPercentage: cpu.target.averageUtilization } : {}),
        })),
      });
    } else {
      this.apiObject = new HpaV2(this, 'Resource', {
        metadata: props.metadata,
        spec: atSynth(() => ({
          scaleTargetRef: target(),
          minReplicas: min,
          maxReplicas: props.maxReplicas,
          ...(props.metrics?.length ? { metrics: props.metrics.map((m) => structuredClone(m.spec)) } : {}),
        })),
      });
    }
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}

function scaleTargetRef(target: ScaleTarget): { apiVersion: string; kind: string; name: string } {
  if ('apiVersion' in target) return { apiVersion: target.apiVersion, kind: target.kind, name: target.name };
  const object = target.node.defaultChild as ApiObject | undefined;
  if (!object?.kind)
    throw new KccError('the autoscaler target is not a workload', {
      hint: 'pass a Deployment, StatefulSet or ReplicaSet, or { apiVersion, kind, name }',
    });
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.name };
}
