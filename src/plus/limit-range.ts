import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { LimitRange as LimitRangeObject, type LimitRangeItem } from '../k8s/core-v1.js';
import type { ComputeAmounts } from './resource-quota.js';

export interface ContainerLimits {
  /** Limits given to containers that set none. */
  readonly default?: ComputeAmounts;
  /** Requests given to containers that set none. */
  readonly defaultRequest?: ComputeAmounts;
  readonly min?: ComputeAmounts;
  readonly max?: ComputeAmounts;
  /** Largest limit/request ratio, e.g. `{ cpu: '2' }`. */
  readonly maxLimitRequestRatio?: ComputeAmounts;
}

export interface LimitRangeProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** Per container: defaults filled in at admission, and bounds. */
  readonly container?: ContainerLimits;
  /** Per pod (sum of its containers). */
  readonly pod?: { readonly min?: ComputeAmounts; readonly max?: ComputeAmounts };
  /** Per PersistentVolumeClaim. */
  readonly persistentVolumeClaim?: { readonly min?: string; readonly max?: string };
}

/** Defaults and bounds for containers, pods and claims in a namespace. */
export class LimitRange extends Construct {
  readonly apiObject: LimitRangeObject;

  constructor(scope: Construct, id: string, props: LimitRangeProps) {
    super(scope, id);
    const limits: LimitRangeItem[] = [];
    if (props.container) limits.push({ type: 'Container', ...amountFields(props.container) });
    if (props.pod) limits.push({ type: 'Pod', ...amountFields(props.pod) });
    const claim = props.persistentVolumeClaim;
    if (claim) {
      limits.push({
        type: 'PersistentVolumeClaim',
        ...(claim.min ? { min: { storage: claim.min } } : {}),
        ...(claim.max ? { max: { storage: claim.max } } : {}),
      });
    }
    this.apiObject = new LimitRangeObject(this, 'Resource', { metadata: props.metadata, spec: { limits } });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}

function amountFields(amounts: { readonly [field: string]: ComputeAmounts | undefined } | ContainerLimits): Omit<LimitRangeItem, 'type'> {
  const out: Record<string, Record<string, string>> = {};
  for (const [field, value] of Object.entries(amounts) as [string, ComputeAmounts | undefined][]) {
    if (!value) continue;
    const entries = Object.entries(value).filter((e): e is [string, string] => e[1] !== undefined);
    if (entries.length) out[field] = Object.fromEntries(entries);
  }
  return out;
}
