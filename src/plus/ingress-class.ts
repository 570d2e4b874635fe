import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { IngressClass as IngressClassObject, type IngressClassParametersReference } from '../k8s/networking-v1.js';

export interface IngressClassProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** The controller implementing the class, e.g. `k8s.io/ingress-nginx`. */
  readonly controller: string;
  /** Ingresses without `className` use this class (the `is-default-class` annotation). @default false */
  readonly isDefault?: boolean;
  /** Controller-specific configuration object. @default none */
  readonly parameters?: IngressClassParametersReference;
}

/** Which controller implements an Ingress (cluster-scoped); pass it as an Ingress's `className`. */
export class IngressClass extends Construct {
  readonly apiObject: IngressClassObject;

  constructor(scope: Construct, id: string, props: IngressClassProps) {
    super(scope, id);
    const annotations = { ...props.metadata?.annotations, ...(props.isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {}) };
    this.apiObject = new IngressClassObject(this, 'Resource', {
      metadata: { ...props.metadata, annotations },
      spec: { controller: props.controller, ...(props.parameters ? { parameters: { ...props.parameters } } : {}) },
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}
