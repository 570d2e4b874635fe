import type { Construct } from 'constructs';
import { Job as JobObject, type JobSpec } from '../k8s/batch-v1.js';
import type { PodTemplateSpec } from '../k8s/core-v1.js';
import { atSynth } from './lazy.js';
import type { Duration } from './probe.js';
import { Workload, type RestartPolicy, type WorkloadProps } from './workload.js';

export interface JobOptions {
  /** Retries before the Job fails. @default Kubernetes' default, 6 */
  readonly backoffLimit?: number;
  /** Successful pods needed. @default Kubernetes' default, 1 */
  readonly completions?: number;
  /** Pods running at once. @default Kubernetes' default, 1 */
  readonly parallelism?: number;
  /** The Job fails after this long. @default no deadline */
  readonly activeDeadline?: Duration;
  /** Deleted this long after finishing. @default kept */
  readonly ttlAfterFinished?: Duration;
}

export interface JobProps extends WorkloadProps, JobOptions {
  /** @default Never (a Job's pods may only use Never or OnFailure) */
  readonly restartPolicy?: Exclude<RestartPolicy, 'Always'>;
}

/** A batch Job: pods that run to completion. */
export class Job extends Workload {
  protected readonly apiObject: JobObject;

  constructor(scope: Construct, id: string, props: JobProps = {}) {
    super(scope, id, props);
    this.apiObject = new JobObject(this, 'Resource', { metadata: props.metadata, spec: atSynth(() => jobSpec(props, this.jobTemplate())) });
    this.node.defaultChild = this.apiObject;
  }

  private jobTemplate(): PodTemplateSpec {
    return { ...this.podTemplate(), spec: this.podSpec('Never') };
  }
}

/** The Job fields of a Job or of a CronJob's jobTemplate. */
export function jobSpec(options: JobOptions, template: PodTemplateSpec): JobSpec {
  return {
    ...(options.backoffLimit !== undefined ? { backoffLimit: options.backoffLimit } : {}),
    ...(options.completions !== undefined ? { completions: options.completions } : {}),
    ...(options.parallelism !== undefined ? { parallelism: options.parallelism } : {}),
    ...(options.activeDeadline ? { activeDeadlineSeconds: options.activeDeadline.toSeconds() } : {}),
    ...(options.ttlAfterFinished ? { ttlSecondsAfterFinished: options.ttlAfterFinished.toSeconds() } : {}),
    template,
  };
}
