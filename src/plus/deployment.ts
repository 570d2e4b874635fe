import type { Construct } from 'constructs';
import { Deployment as DeploymentObject, type DeploymentStrategy as DeploymentStrategySpec } from '../k8s/apps-v1.js';
import type { IntOrString } from '../k8s/meta-v1.js';
import { toLabelSelector, type LabelExpression } from './label-selector.js';
import { atSynth } from './lazy.js';
import { Workload, type WorkloadProps } from './workload.js';

/** How a Deployment replaces its pods: `DeploymentStrategy.recreate()` or `.rollingUpdate({...})`. */
export class DeploymentStrategy {
  /** Stop every old pod, then start the new ones (downtime; never two versions at once). */
  static recreate(): DeploymentStrategy {
    return new DeploymentStrategy({ type: 'Recreate' });
  }

  /** Replace pods gradually. @default maxSurge and maxUnavailable 25% (Kubernetes' defaults) */
  static rollingUpdate(options: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } = {}): DeploymentStrategy {
    const rollingUpdate = {
      ...(options.maxSurge !== undefined ? { maxSurge: options.maxSurge } : {}),
      ...(options.maxUnavailable !== undefined ? { maxUnavailable: options.maxUnavailable } : {}),
    };
    return new DeploymentStrategy({ type: 'RollingUpdate', ...(Object.keys(rollingUpdate).length ? { rollingUpdate } : {}) });
  }

  private constructor(readonly spec: DeploymentStrategySpec) {}
}

export interface ControllerProps extends WorkloadProps {
  /** @default 1 */
  readonly replicas?: number;
  /** `matchExpressions` added to the selector; the pod labels must satisfy them. @default none */
  readonly selectorExpressions?: LabelExpression[];
  /** @default Kubernetes' default, 0 */
  readonly minReadySeconds?: number;
}

export interface DeploymentProps extends ControllerProps {
  /** @default Kubernetes' default, RollingUpdate 25%/25% */
  readonly strategy?: DeploymentStrategy;
  /** Old ReplicaSets kept for `rollout undo`. @default Kubernetes' default, 10 */
  readonly revisionHistoryLimit?: number;
  /** @default Kubernetes' default, 600 */
  readonly progressDeadlineSeconds?: number;
}

/**
 * A Deployment with secure defaults: `new Deployment(chart, 'web', { containers: [{ image, port: 8080 }] })`,
 * then `.expose({ type: 'NodePort' })`.
 */
export class Deployment extends Workload {
  protected readonly apiObject: DeploymentObject;
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: DeploymentProps = {}) {
    super(scope, id, props);
    this.replicas = props.replicas ?? 1;
    this.apiObject = new DeploymentObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        replicas: this.replicas,
        selector: toLabelSelector(this.selectorLabels, props.selectorExpressions),
        ...(props.strategy ? { strategy: structuredClone(props.strategy.spec) } : {}),
        ...(props.minReadySeconds !== undefined ? { minReadySeconds: props.minReadySeconds } : {}),
        ...(props.revisionHistoryLimit !== undefined ? { revisionHistoryLimit: props.revisionHistoryLimit } : {}),
        ...(props.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: props.progressDeadlineSeconds } : {}),
        template: this.podTemplate(),
      })),
    });
    this.node.defaultChild = this.apiObject;
  }
}
