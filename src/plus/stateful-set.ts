import type { Construct } from 'constructs';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { StatefulSet as StatefulSetObject } from '../k8s/apps-v1.js';
import { Service } from '../k8s/core-v1.js';
import type { MountOptions } from './container.js';
import type { ControllerProps } from './deployment.js';
import { nameOf, type NamedRef } from './env-value.js';
import { toLabelSelector } from './label-selector.js';
import { atSynth } from './lazy.js';
import { claimSpec, type ClaimSpecProps } from './persistent-volume-claim.js';
import { Volume } from './volume.js';
import { Workload } from './workload.js';

export interface StatefulSetProps extends ControllerProps {
  /**
   * The headless Service that gives each pod a stable DNS name (`<pod>.<service>`).
   * @default a headless Service with the StatefulSet's name, created here
   */
  readonly service?: NamedRef | string;
  /** @default Kubernetes' default, OrderedReady */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/**
 * Pods with stable names and their own storage: `addVolumeClaimTemplate('data', { storage: '1Gi' }, '/var/lib/db')`
 * gives each pod its own PersistentVolumeClaim.
 */
export class StatefulSet extends Workload {
  protected readonly apiObject: StatefulSetObject;
  readonly replicas: number;
  /** The governing headless Service, when this construct created it. */
  readonly headlessService?: Service;
  private readonly claimTemplates: { name: string; props: ClaimSpecProps }[] = [];

  constructor(scope: Construct, id: string, props: StatefulSetProps = {}) {
    super(scope, id, props);
    this.replicas = props.replicas ?? 1;
    this.apiObject = new StatefulSetObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => ({
        replicas: this.replicas,
        serviceName: props.service ? nameOf(props.service) : this.name,
        selector: toLabelSelector(this.selectorLabels, props.selectorExpressions),
        ...(props.podManagementPolicy ? { podManagementPolicy: props.podManagementPolicy } : {}),
        ...(props.minReadySeconds !== undefined ? { minReadySeconds: props.minReadySeconds } : {}),
        template: this.podTemplate(),
        ...(this.claimTemplates.length
          ? { volumeClaimTemplates: this.claimTemplates.map((t) => ({ metadata: { name: t.name }, spec: claimSpec(t.props) })) }
          : {}),
      })),
    });
    this.node.defaultChild = this.apiObject;
    if (!props.service) {
      this.headlessService = new Service(this, 'Headless', {
        metadata: { name: this.name },
        spec: atSynth(() => {
          const ports = this.containers
            .flatMap((c) => c.portSpecs)
            .map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}) }));
          return { clusterIP: 'None', selector: this.selectorLabels, ...(ports.length ? { ports: namedWhenSeveral(ports) } : {}) };
        }),
      });
    }
  }

  /**
   * A claim per pod (`<template>-<pod>`), mounted into the first container at `mountPath` when given.
   * Returns the volume, to mount into other containers.
   */
  addVolumeClaimTemplate(name: string, props: ClaimSpecProps, mountPath?: string, options: MountOptions = {}): Volume {
    if (this.claimTemplates.some((t) => t.name === name)) {
      throw new KccError(`StatefulSet ${this.node.path} already has a volume claim template "${name}"`, {
        location: captureCreationSite()?.location,
      });
    }
    this.claimTemplates.push({ name, props });
    const volume = Volume.fromPersistentVolumeClaim(name);
    if (mountPath) this.mount(mountPath, volume, options);
    return volume;
  }

  /** Claim templates are not pod volumes: the controller creates one claim per pod. */
  protected override isPodVolume(name: string): boolean {
    return !this.claimTemplates.some((t) => t.name === name);
  }
}

/** Several ports need names; number them after their port when the program gave none. */
function namedWhenSeveral<T extends { name?: string; port: number }>(ports: T[]): T[] {
  return ports.length > 1 ? ports.map((p) => ({ ...p, name: p.name ?? `port-${p.port}` })) : ports;
}
