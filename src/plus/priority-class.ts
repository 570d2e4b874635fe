import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { PriorityClass as PriorityClassObject } from '../k8s/scheduling-v1.js';

export interface PriorityClassProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** Higher schedules first and may preempt lower; at most 1,000,000,000 for user classes. */
  readonly value: number;
  /** Pods without a priorityClassName get this one. @default false */
  readonly globalDefault?: boolean;
  readonly description?: string;
  /** @default Kubernetes' default, PreemptLowerPriority */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
}

/** A pod priority, cluster-scoped; workloads use it through `priorityClass` (and are installed after it). */
export class PriorityClass extends Construct {
  readonly apiObject: PriorityClassObject;

  constructor(scope: Construct, id: string, props: PriorityClassProps) {
    super(scope, id);
    if (!Number.isInteger(props.value) || props.value > 1_000_000_000) {
      throw new KccError(`PriorityClass value ${props.value} must be an integer of at most 1000000000`, {
        location: captureCreationSite()?.location,
        hint: 'higher values are reserved for system-node-critical and system-cluster-critical',
      });
    }
    this.apiObject = new PriorityClassObject(this, 'Resource', {
      metadata: props.metadata,
      value: props.value,
      ...(props.globalDefault !== undefined ? { globalDefault: props.globalDefault } : {}),
      ...(props.description ? { description: props.description } : {}),
      ...(props.preemptionPolicy ? { preemptionPolicy: props.preemptionPolicy } : {}),
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}
