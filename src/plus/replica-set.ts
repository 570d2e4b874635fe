import type { Construct } from 'constructs';
import { ReplicaSet as ReplicaSetObject } from '../k8s/apps-v1.js';
import { ReplicationController as ReplicationControllerObject } from '../k8s/core-v1.js';
import { KccError } from '../core/errors.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { ControllerProps } from './deployment.js';
import { toLabelSelector } from './label-selector.js';
import { atSynth } from './lazy.js';
import { Workload, type WorkloadProps } from './workload.js';

/** A ReplicaSet: a fixed number of pods (a Deployment manages these for you and adds rollouts). */
export class ReplicaSet extends Workload {
  protected readonly apiObject: ReplicaSetObject;
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: ControllerProps = {}) {
    super(scope, id, props);
    this.replicas = props.replicas ?? 1;
    this.apiObject = new ReplicaSetObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        replicas: this.replicas,
        selector: toLabelSelector(this.selectorLabels, props.selectorExpressions),
        ...(props.minReadySeconds !== undefined ? { minReadySeconds: props.minReadySeconds } : {}),
        template: this.podTemplate(),
      })),
    });
    this.node.defaultChild = this.apiObject;
  }
}

export interface ReplicationControllerProps extends WorkloadProps {
  /** @default 1 */
  readonly replicas?: number;
}

/** The older form of ReplicaSet the docs still show: its selector is labels only. */
export class ReplicationController extends Workload {
  protected readonly apiObject: ReplicationControllerObject;
  readonly replicas: number;

  constructor(scope: Construct, id: string, props: ReplicationControllerProps = {}) {
    super(scope, id, props);
    if ('selectorExpressions' in props) {
      throw new KccError('a ReplicationController selects by labels only', {
        location: captureCreationSite()?.location,
        hint: 'use ReplicaSet or Deployment for matchExpressions',
      });
    }
    this.replicas = props.replicas ?? 1;
    this.apiObject = new ReplicationControllerObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({ replicas: this.replicas, selector: this.selectorLabels, template: this.podTemplate() })),
    });
    this.node.defaultChild = this.apiObject;
  }
}
