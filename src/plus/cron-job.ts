import type { Construct } from 'constructs';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { CronJob as CronJobObject } from '../k8s/batch-v1.js';
import type { PodTemplateSpec } from '../k8s/core-v1.js';
import { jobSpec, type JobProps } from './job.js';
import { atSynth } from './lazy.js';
import { Workload } from './workload.js';

export interface CronJobProps extends JobProps {
  /** Cron syntax: five fields, e.g. `'*\/5 * * * *'`, or `@hourly`, `@daily`... */
  readonly schedule: string;
  /** IANA time zone of the schedule. @default the controller manager's */
  readonly timeZone?: string;
  /** @default Kubernetes' default, Allow */
  readonly concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  /** @default false */
  readonly suspend?: boolean;
  /** @default Kubernetes' default, 3 */
  readonly successfulJobsHistoryLimit?: number;
  /** @default Kubernetes' default, 1 */
  readonly failedJobsHistoryLimit?: number;
  /** @default no deadline */
  readonly startingDeadlineSeconds?: number;
}

const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** A Job on a schedule. */
export class CronJob extends Workload {
  protected readonly apiObject: CronJobObject;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    super(scope, id, props);
    const fields = props.schedule.trim().split(/\s+/);
    if (!CRON_MACROS.has(props.schedule.trim()) && fields.length !== 5) {
      throw new KccError(`schedule "${props.schedule}" has ${fields.length} fields, cron needs 5 (minute hour day-of-month month day-of-week)`, {
        location: captureCreationSite()?.location,
        hint: "e.g. '*/5 * * * *' or '@hourly'",
      });
    }
    this.apiObject = new CronJobObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        schedule: props.schedule,
        ...(props.timeZone ? { timeZone: props.timeZone } : {}),
        ...(props.concurrencyPolicy ? { concurrencyPolicy: props.concurrencyPolicy } : {}),
        ...(props.suspend !== undefined ? { suspend: props.suspend } : {}),
        ...(props.successfulJobsHistoryLimit !== undefined ? { successfulJobsHistoryLimit: props.successfulJobsHistoryLimit } : {}),
        ...(props.failedJobsHistoryLimit !== undefined ? { failedJobsHistoryLimit: props.failedJobsHistoryLimit } : {}),
        ...(props.startingDeadlineSeconds !== undefined ? { startingDeadlineSeconds: props.startingDeadlineSeconds } : {}),
        jobTemplate: { spec: jobSpec(props, this.jobTemplate()) },
      })),
    });
    this.node.defaultChild = this.apiObject;
  }

  private jobTemplate(): PodTemplateSpec {
    return { ...this.podTemplate(), spec: this.podSpec('Never') };
  }
}
