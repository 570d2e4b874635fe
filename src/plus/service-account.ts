import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { ServiceAccount as ServiceAccountObject } from '../k8s/core-v1.js';
import { nameOf, type NamedRef } from './env-value.js';

export interface ServiceAccountProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** Mount an API token into pods using this account. @default false (pods needing one opt in) */
  readonly automountToken?: boolean;
  /** docker-registry Secrets added to every pod using this account. */
  readonly imagePullSecrets?: (NamedRef | string)[];
}

/**
 * An identity for pods (`serviceAccount: sa` on a workload) and a subject for RBAC
 * (`role.grant(sa)`).
 */
export class ServiceAccount extends Construct {
  readonly apiObject: ServiceAccountObject;

  constructor(scope: Construct, id: string, props: ServiceAccountProps = {}) {
    super(scope, id);
    this.apiObject = new ServiceAccountObject(this, 'Resource', {
      metadata: props.metadata,
      automountServiceAccountToken: props.automountToken ?? false,
      ...(props.imagePullSecrets?.length ? { imagePullSecrets: props.imagePullSecrets.map((s) => ({ name: nameOf(s) })) } : {}),
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }

  /** The namespace it lives in (the chart's, unless its metadata says otherwise); undefined when neither says. */
  get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }
}
