import type { Construct } from 'constructs';
import { DaemonSet as DaemonSetObject } from '../k8s/apps-v1.js';
import type { IntOrString } from '../k8s/meta-v1.js';
import { toLabelSelector, type LabelExpression } from './label-selector.js';
import { atSynth } from './lazy.js';
import { Workload, type WorkloadProps } from './workload.js';

export interface DaemonSetProps extends WorkloadProps {
  readonly selectorExpressions?: LabelExpression[];
  /** @default Kubernetes' default, 0 */
  readonly minReadySeconds?: number;
  /** `OnDelete`, or RollingUpdate with at most this many nodes' pods down. @default RollingUpdate, maxUnavailable 1 */
  readonly updateStrategy?: 'OnDelete' | { readonly maxUnavailable?: IntOrString; readonly maxSurge?: IntOrString };
}

/** One pod per node (logging and monitoring agents); add `Toleration.any()` to cover tainted nodes too. */
export class DaemonSet extends Workload {
  protected readonly apiObject: DaemonSetObject;

  constructor(scope: Construct, id: string, props: DaemonSetProps = {}) {
    super(scope, id, props);
    const strategy = props.updateStrategy;
    this.apiObject = new DaemonSetObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        selector: toLabelSelector(this.selectorLabels, props.selectorExpressions),
        ...(props.minReadySeconds !== undefined ? { minReadySeconds: props.minReadySeconds } : {}),
        ...(strategy === 'OnDelete'
          ? { updateStrategy: { type: 'OnDelete' } }
          : strategy
            ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { ...strategy } } }
            : {}),
        template: this.podTemplate(),
      })),
    });
    this.node.defaultChild = this.apiObject;
  }
}
