import { Construct, type IConstruct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { PersistentVolumeClaim as PersistentVolumeClaimObject, type PersistentVolumeClaimSpec } from '../k8s/core-v1.js';
import { toLabelSelector } from './label-selector.js';
import { Volume } from './volume.js';

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** Anything that names a storage class or a volume: a kcc-plus construct or its name. */
export interface StorageRef {
  readonly name: string;
}

export interface ClaimSpecProps {
  /** Requested size, e.g. `'10Gi'`. */
  readonly storage: string;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: AccessMode[];
  /**
   * The StorageClass to provision from; `''` binds only to PersistentVolumes without a class.
   * @default the cluster's default StorageClass
   */
  readonly storageClass?: StorageRef | string;
  /** Binds to this PersistentVolume (static provisioning). @default any matching volume */
  readonly volume?: StorageRef | string;
  /** Only volumes with these labels. @default any */
  readonly volumeLabels?: Record<string, string>;
  /** @default Filesystem */
  readonly volumeMode?: 'Filesystem' | 'Block';
}

export interface PersistentVolumeClaimProps extends ClaimSpecProps {
  readonly metadata?: ApiObjectMetadataProps;
}

/** The `spec` of a claim, shared by PersistentVolumeClaim and StatefulSet volumeClaimTemplates. */
export function claimSpec(props: ClaimSpecProps): PersistentVolumeClaimSpec {
  const storageClass = typeof props.storageClass === 'object' ? props.storageClass.name : props.storageClass;
  return {
    accessModes: [...(props.accessModes ?? ['ReadWriteOnce'])],
    resources: { requests: { storage: props.storage } },
    ...(storageClass !== undefined ? { storageClassName: storageClass } : {}),
    ...(props.volume ? { volumeName: typeof props.volume === 'string' ? props.volume : props.volume.name } : {}),
    ...(props.volumeLabels ? { selector: toLabelSelector(props.volumeLabels) } : {}),
    ...(props.volumeMode ? { volumeMode: props.volumeMode } : {}),
  };
}

/**
 * A request for storage: `new PersistentVolumeClaim(chart, 'data', { storage: '5Gi' })`, mounted
 * with `workload.mount('/data', claim.toVolume())`.
 */
export class PersistentVolumeClaim extends Construct {
  readonly apiObject: PersistentVolumeClaimObject;

  constructor(scope: Construct, id: string, props: PersistentVolumeClaimProps) {
    super(scope, id);
    this.apiObject = new PersistentVolumeClaimObject(this, 'Resource', { metadata: props.metadata, spec: claimSpec(props) });
    this.node.defaultChild = this.apiObject;
    for (const ref of [props.storageClass, props.volume]) if (isConstruct(ref)) this.node.addDependency(ref);
  }

  get name(): string {
    return this.apiObject.name;
  }

  /** A pod volume for this claim. @default volume name: the claim's name */
  toVolume(options: { name?: string; readOnly?: boolean } = {}): Volume {
    return Volume.fromPersistentVolumeClaim(this, options);
  }
}

export function isConstruct(value: unknown): value is IConstruct {
  return typeof value === 'object' && value !== null && 'node' in value;
}
