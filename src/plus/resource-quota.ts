import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { ResourceQuota as ResourceQuotaObject } from '../k8s/core-v1.js';

export interface ComputeAmounts {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface ResourceQuotaProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** Sum of the requests of all pods (`requests.cpu`, `requests.memory`). */
  readonly requests?: ComputeAmounts & { readonly storage?: string };
  /** Sum of the limits of all pods (`limits.cpu`, `limits.memory`). */
  readonly limits?: ComputeAmounts;
  /** Number of pods. */
  readonly pods?: number;
  /** Object counts by resource: `{ configmaps: 10, services: 5, persistentvolumeclaims: 4 }`. */
  readonly objects?: Record<string, number>;
  /** Any other `hard` entry, as Kubernetes writes it (`requests.nvidia.com/gpu`...). */
  readonly hard?: Record<string, string>;
  /** Counts only matching pods. @default every pod */
  readonly scopes?: ('Terminating' | 'NotTerminating' | 'BestEffort' | 'NotBestEffort' | 'PriorityClass' | 'CrossNamespacePodAffinity')[];
}

/**
 * Caps what a namespace may use: `new ResourceQuota(chart, 'compute', { pods: 10, requests: { cpu: '4', memory: '8Gi' } })`.
 * A quota on requests or limits makes every pod state them (kcc-plus workloads request by default).
 */
export class ResourceQuota extends Construct {
  readonly apiObject: ResourceQuotaObject;

  constructor(scope: Construct, id: string, props: ResourceQuotaProps) {
    super(scope, id);
    const hard: Record<string, string> = {};
    if (props.pods !== undefined) hard.pods = String(props.pods);
    for (const [key, value] of Object.entries(props.requests ?? {})) if (value !== undefined) hard[`requests.${key}`] = value;
    for (const [key, value] of Object.entries(props.limits ?? {})) if (value !== undefined) hard[`limits.${key}`] = value;
    for (const [key, value] of Object.entries(props.objects ?? {})) hard[key] = String(value);
    Object.assign(hard, props.hard);
    this.apiObject = new ResourceQuotaObject(this, 'Resource', {
      metadata: props.metadata,
      spec: { hard, ...(props.scopes ? { scopes: [...props.scopes] } : {}) },
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}
