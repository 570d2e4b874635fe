import { Construct } from 'constructs';
import { Binding as BindingObject } from '../k8s/core-v1.js';
import { nameOf, type NamedRef } from './env-value.js';

/**
 * Manual scheduling of an existing pod to a node (what a scheduler posts to `pods/binding`).
 * Kubernetes only accepts it with `kubectl create`, for a pod that is not yet scheduled.
 */
export class Binding extends Construct {
  readonly apiObject: BindingObject;

  constructor(scope: Construct, id: string, props: { readonly pod: NamedRef | string; readonly node: string }) {
    super(scope, id);
    this.apiObject = new BindingObject(this, 'Resource', {
      metadata: { name: nameOf(props.pod) },
      target: { apiVersion: 'v1', kind: 'Node', name: props.node },
    });
    this.node.defaultChild = this.apiObject;
  }
}
