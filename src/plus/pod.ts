import type { Construct } from 'constructs';
import { Pod as PodObject } from '../k8s/core-v1.js';
import { atSynth } from './lazy.js';
import { Workload, type WorkloadProps } from './workload.js';

/**
 * A bare Pod (no controller re-creates it): for one-off tasks and the docs' examples. Its labels
 * are `metadata.labels`, `podMetadata.labels` and the selector labels.
 */
export class Pod extends Workload {
  protected readonly apiObject: PodObject;

  constructor(scope: Construct, id: string, props: WorkloadProps = {}) {
    super(scope, id, props);
    const annotations = props.podMetadata?.annotations;
    this.apiObject = new PodObject(this, 'Resource', {
      metadata: { ...props.metadata, annotations: { ...props.metadata?.annotations, ...annotations } },
      spec: atSynth(() => this.podSpec()),
    });
    for (const [key, value] of Object.entries(this.podLabels)) this.apiObject.metadata.addLabel(key, value);
    this.node.defaultChild = this.apiObject;
  }
}
