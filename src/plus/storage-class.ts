import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { StorageClass as StorageClassObject } from '../k8s/storage-v1.js';

export interface StorageClassProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** The volume plugin, e.g. `kubernetes.io/no-provisioner`, `ebs.csi.aws.com`. */
  readonly provisioner: string;
  readonly parameters?: Record<string, string>;
  /** @default Kubernetes' default, Delete */
  readonly reclaimPolicy?: 'Delete' | 'Retain';
  readonly mountOptions?: string[];
  /** WaitForFirstConsumer delays binding until a pod uses the claim. @default Kubernetes' default, Immediate */
  readonly volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  /** @default false */
  readonly allowVolumeExpansion?: boolean;
  /** Claims without a class use this one (the `is-default-class` annotation). @default false */
  readonly isDefault?: boolean;
}

/** A class of dynamically provisioned storage, cluster-scoped. Claims refer to it by `storageClass`. */
export class StorageClass extends Construct {
  readonly apiObject: StorageClassObject;

  constructor(scope: Construct, id: string, props: StorageClassProps) {
    super(scope, id);
    const annotations = { ...props.metadata?.annotations, ...(props.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {}) };
    this.apiObject = new StorageClassObject(this, 'Resource', {
      metadata: { ...props.metadata, annotations },
      provisioner: props.provisioner,
      ...(props.parameters ? { parameters: { ...props.parameters } } : {}),
      ...(props.reclaimPolicy ? { reclaimPolicy: props.reclaimPolicy } : {}),
      ...(props.mountOptions ? { mountOptions: [...props.mountOptions] } : {}),
      ...(props.volumeBindingMode ? { volumeBindingMode: props.volumeBindingMode } : {}),
      ...(props.allowVolumeExpansion !== undefined ? { allowVolumeExpansion: props.allowVolumeExpansion } : {}),
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }
}
