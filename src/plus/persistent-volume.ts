import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { PersistentVolume as PersistentVolumeObject, type HostPathVolumeSource, type PersistentVolumeSpec } from '../k8s/core-v1.js';
import { LabelExpression } from './label-selector.js';
import { isConstruct, PersistentVolumeClaim, type AccessMode, type PersistentVolumeClaimProps, type StorageRef } from './persistent-volume-claim.js';

type SourceFields = Pick<
  PersistentVolumeSpec,
  'hostPath' | 'nfs' | 'awsElasticBlockStore' | 'gcePersistentDisk' | 'azureDisk' | 'csi' | 'local' | 'nodeAffinity'
>;

/**
 * Where a PersistentVolume's data lives: `PersistentVolumeSource.hostPath('/mnt/data')`,
 * `.nfs('nfs.example.com', '/exports')`, `.local('/mnt/disks/ssd1', 'node1')`, `.csi(...)`,
 * `.awsElasticBlockStore(...)`, `.gcePersistentDisk(...)`, `.azureDisk(...)`.
 */
export class PersistentVolumeSource {
  /** A folder on the node (single-node test clusters only). */
  static hostPath(path: string, type?: HostPathVolumeSource['type']): PersistentVolumeSource {
    return new PersistentVolumeSource({ hostPath: { path, ...(type ? { type } : {}) } });
  }

  static nfs(server: string, path: string, options: { readOnly?: boolean } = {}): PersistentVolumeSource {
    return new PersistentVolumeSource({ nfs: { server, path, ...(options.readOnly ? { readOnly: true } : {}) } });
  }

  /** A local disk of one node; the volume gets the node affinity Kubernetes requires for it. */
  static local(path: string, nodeName: string): PersistentVolumeSource {
    const term = { matchExpressions: [LabelExpression.in('kubernetes.io/hostname', [nodeName]).toNodeRequirement()] };
    return new PersistentVolumeSource({ local: { path }, nodeAffinity: { required: { nodeSelectorTerms: [term] } } });
  }

  static csi(
    driver: string,
    volumeHandle: string,
    options: { fsType?: string; volumeAttributes?: Record<string, string> } = {},
  ): PersistentVolumeSource {
    return new PersistentVolumeSource({ csi: { driver, volumeHandle, ...options } });
  }

  static awsElasticBlockStore(volumeID: string, options: { fsType?: string; partition?: number } = {}): PersistentVolumeSource {
    return new PersistentVolumeSource({ awsElasticBlockStore: { volumeID, ...options } });
  }

  static gcePersistentDisk(pdName: string, options: { fsType?: string; partition?: number } = {}): PersistentVolumeSource {
    return new PersistentVolumeSource({ gcePersistentDisk: { pdName, ...options } });
  }

  static azureDisk(
    diskName: string,
    diskURI: string,
    options: { fsType?: string; kind?: 'Dedicated' | 'Managed' | 'Shared' } = {},
  ): PersistentVolumeSource {
    return new PersistentVolumeSource({ azureDisk: { diskName, diskURI, ...options } });
  }

  private constructor(readonly fields: SourceFields) {}
}

export interface PersistentVolumeProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** Capacity, e.g. `'10Gi'`. */
  readonly storage: string;
  readonly source: PersistentVolumeSource;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: AccessMode[];
  /** What happens to the data when the claim is deleted. @default Kubernetes' default, Retain for static volumes */
  readonly reclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
  /** Claims of this class can bind it. @default none: only claims asking for class `''` */
  readonly storageClass?: StorageRef | string;
  readonly mountOptions?: string[];
  /** @default Filesystem */
  readonly volumeMode?: 'Filesystem' | 'Block';
}

/** A piece of storage an administrator provisioned (static provisioning), cluster-scoped. */
export class PersistentVolume extends Construct {
  readonly apiObject: PersistentVolumeObject;
  readonly storage: string;
  readonly accessModes: AccessMode[];
  readonly storageClassName: string;

  constructor(scope: Construct, id: string, props: PersistentVolumeProps) {
    super(scope, id);
    this.storage = props.storage;
    this.accessModes = [...(props.accessModes ?? ['ReadWriteOnce'])];
    this.storageClassName = typeof props.storageClass === 'object' ? props.storageClass.name : (props.storageClass ?? '');
    this.apiObject = new PersistentVolumeObject(this, 'Resource', {
      metadata: props.metadata,
      spec: {
        capacity: { storage: props.storage },
        accessModes: [...this.accessModes],
        ...structuredClone(props.source.fields),
        ...(props.reclaimPolicy ? { persistentVolumeReclaimPolicy: props.reclaimPolicy } : {}),
        ...(this.storageClassName ? { storageClassName: this.storageClassName } : {}),
        ...(props.mountOptions ? { mountOptions: [...props.mountOptions] } : {}),
        ...(props.volumeMode ? { volumeMode: props.volumeMode } : {}),
      },
    });
    this.node.defaultChild = this.apiObject;
    if (isConstruct(props.storageClass)) this.node.addDependency(props.storageClass);
  }

  get name(): string {
    return this.apiObject.name;
  }

  /** A claim bound to exactly this volume (same class, size and access modes unless given). */
  claim(scope: Construct, id: string, props: Partial<PersistentVolumeClaimProps> = {}): PersistentVolumeClaim {
    return new PersistentVolumeClaim(scope, id, {
      storage: this.storage,
      accessModes: this.accessModes,
      storageClass: this.storageClassName,
      ...props,
      volume: this,
    });
  }
}
