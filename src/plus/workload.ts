import { Construct, type IConstruct } from 'constructs';
import type { ApiObject, ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import type { Service } from '../k8s/core-v1.js';
import type { PodSecurityContext, PodSpec, PodTemplateSpec, Volume as VolumeSpec } from '../k8s/core-v1.js';
import { Container, type ContainerProps, type MountOptions } from './container.js';
import { nameOf, type NamedRef } from './env-value.js';
import { Pods } from './label-selector.js';
import type { Duration } from './probe.js';
import { Scheduling, type SchedulingProps } from './scheduling.js';
import { podSecurityContext } from './secure-defaults.js';
import { createService, type ServiceOptions } from './service.js';
import type { Volume } from './volume.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface PodMetadataProps {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export interface WorkloadProps extends SchedulingProps {
  /** The object's metadata. @default name derived from the construct path */
  readonly metadata?: ApiObjectMetadataProps;
  /** Labels and annotations of the pods (besides the selector labels). */
  readonly podMetadata?: PodMetadataProps;
  /** Labels that select the pods (Services, controllers). @default `{ app: <name> }` */
  readonly selectorLabels?: Record<string, string>;
  readonly containers?: ContainerProps[];
  /** Run to completion, one after the other, before the containers start. */
  readonly initContainers?: ContainerProps[];
  /** Native sidecars: init containers with `restartPolicy: Always`, started before and kept beside the containers. */
  readonly sidecars?: ContainerProps[];
  /** Volumes besides those the containers mount (mounted ones are added automatically). */
  readonly volumes?: Volume[];
  /** @default the namespace's `default` service account */
  readonly serviceAccount?: NamedRef | string;
  /** @default false without `serviceAccount` when secure defaults are on; else the service account's setting */
  readonly automountServiceAccountToken?: boolean;
  /** docker-registry Secrets for pulling images. */
  readonly imagePullSecrets?: (NamedRef | string)[];
  /** Fields laid over the secure pod defaults (e.g. `{ runAsUser: 1000, fsGroup: 2000 }`). */
  readonly securityContext?: PodSecurityContext;
  /**
   * runAsNonRoot and the RuntimeDefault seccomp profile for the pod, no service account token
   * unless a service account is given, and for every container the defaults of `ContainerProps`.
   * @default true
   */
  readonly secureDefaults?: boolean;
  /** @default Kubernetes' default for the kind */
  readonly restartPolicy?: RestartPolicy;
  /** @default false */
  readonly hostNetwork?: boolean;
  /** @default Kubernetes' default, 30 s */
  readonly terminationGracePeriod?: Duration;
}

/**
 * What every kcc-plus workload shares: its pod template (containers, init containers, native
 * sidecars, volumes, security, scheduling) and `expose()`. Subclasses create the object.
 */
export abstract class Workload extends Construct {
  /** Where the pods may run (node selector, affinity, tolerations, priority...). */
  readonly scheduling: Scheduling;
  /** Whether containers get the secure defaults unless they say otherwise. */
  readonly secureDefaults: boolean;
  protected abstract readonly apiObject: ApiObject;
  private readonly props: WorkloadProps;
  private readonly containerList: Container[] = [];
  private readonly initContainerList: Container[] = [];
  private readonly extraVolumes: Volume[] = [];
  private services = 0;

  protected constructor(scope: Construct, id: string, props: WorkloadProps) {
    super(scope, id);
    this.props = props;
    this.secureDefaults = props.secureDefaults ?? true;
    this.scheduling = new Scheduling(props);
    if (typeof props.priorityClass === 'object' && isConstruct(props.priorityClass)) this.node.addDependency(props.priorityClass);
    for (const container of props.initContainers ?? []) this.addInitContainer(container);
    for (const container of props.sidecars ?? []) this.addSidecar(container);
    for (const container of props.containers ?? []) this.addContainer(container);
    for (const volume of props.volumes ?? []) this.addVolume(volume);
  }

  /** metadata.name of the object. */
  get name(): string {
    return this.apiObject.name;
  }

  /** The labels that select this workload's pods. */
  get selectorLabels(): Record<string, string> {
    return { ...(this.props.selectorLabels ?? { app: this.name }) };
  }

  /** All labels of the pods: `podMetadata.labels` and the selector labels. */
  get podLabels(): Record<string, string> {
    return { ...this.props.podMetadata?.labels, ...this.selectorLabels };
  }

  /** This workload's pods, for affinity and NetworkPolicy peers. */
  get pods(): Pods {
    return Pods.labeled(this.selectorLabels);
  }

  get containers(): readonly Container[] {
    return this.containerList;
  }

  get initContainers(): readonly Container[] {
    return this.initContainerList;
  }

  /** Installed after the given constructs (objects, charts, or groups of them). */
  addDependency(...dependencies: IConstruct[]): this {
    this.node.addDependency(...dependencies);
    return this;
  }

  addContainer(props: ContainerProps): Container {
    const container = new Container(props, this.containerList.length === 0 ? 'main' : `container-${this.containerList.length}`, this.secureDefaults);
    this.checkUniqueName(container.name);
    this.containerList.push(container);
    return container;
  }

  addInitContainer(props: ContainerProps): Container {
    const container = new Container(props, `init-${this.initContainerList.length}`, this.secureDefaults);
    this.checkUniqueName(container.name);
    this.initContainerList.push(container);
    return container;
  }

  /** A native sidecar (Kubernetes 1.29+): started in order with the init containers, then kept running. */
  addSidecar(props: ContainerProps): Container {
    const container = new Container(props, `sidecar-${this.initContainerList.length}`, this.secureDefaults, true);
    this.checkUniqueName(container.name);
    this.initContainerList.push(container);
    return container;
  }

  /** A pod volume no container mounts yet (or mounted by containers added later). */
  addVolume(volume: Volume): this {
    this.extraVolumes.push(volume);
    return this;
  }

  /** Mounts a volume (a claim, ConfigMap, Secret...) into the first container. */
  mount(path: string, volume: Volume, options: MountOptions = {}): this {
    const main = this.containerList[0];
    if (!main)
      throw new KccError(`${this.node.path} has no container to mount ${volume.name} into`, {
        location: captureCreationSite()?.location,
        hint: 'add a container first',
      });
    main.mount(path, volume, options);
    return this;
  }

  /** `kubectl expose`: a Service selecting this workload's pods. */
  expose(options: ServiceOptions = {}): Service {
    const id = this.services === 0 ? 'Service' : `Service${this.services + 1}`;
    this.services++;
    return createService(this, id, this.selectorLabels, { name: this.name, port: this.containerList[0]?.port }, options);
  }

  /** The pod template (`template` of the controllers), computed at synth. */
  protected podTemplate(): PodTemplateSpec {
    const annotations = this.props.podMetadata?.annotations;
    return {
      metadata: { labels: this.podLabels, ...(annotations && Object.keys(annotations).length ? { annotations: { ...annotations } } : {}) },
      spec: this.podSpec(),
    };
  }

  protected podSpec(defaultRestartPolicy?: RestartPolicy): PodSpec {
    if (this.containerList.length === 0) {
      throw new KccError(`${this.apiObject.kind} ${this.name} has no containers`, {
        location: this.apiObject.location,
        hint: 'pass containers or call addContainer()',
      });
    }
    const p = this.props;
    const securityContext = podSecurityContext(this.secureDefaults, p.securityContext);
    const automount = p.automountServiceAccountToken ?? (this.secureDefaults && !p.serviceAccount ? false : undefined);
    const restartPolicy = p.restartPolicy ?? defaultRestartPolicy;
    const volumes = this.volumeSpecs();
    return {
      ...(this.initContainerList.length ? { initContainers: this.initContainerList.map((c) => c.toSpec()) } : {}),
      containers: this.containerList.map((c) => c.toSpec()),
      ...(volumes.length ? { volumes } : {}),
      ...(p.serviceAccount ? { serviceAccountName: nameOf(p.serviceAccount) } : {}),
      ...(automount !== undefined ? { automountServiceAccountToken: automount } : {}),
      ...(p.imagePullSecrets?.length ? { imagePullSecrets: p.imagePullSecrets.map((s) => ({ name: nameOf(s) })) } : {}),
      ...(securityContext ? { securityContext } : {}),
      ...(restartPolicy ? { restartPolicy } : {}),
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(p.terminationGracePeriod ? { terminationGracePeriodSeconds: p.terminationGracePeriod.toSeconds() } : {}),
      ...this.scheduling.toPodSpecFields(),
    };
  }

  /** Each volume once, in the order first seen; two different volumes under one name are an error. */
  private volumeSpecs(): VolumeSpec[] {
    const byName = new Map<string, VolumeSpec>();
    const all = [...this.extraVolumes, ...[...this.initContainerList, ...this.containerList].flatMap((c) => c.volumes)];
    for (const volume of all) {
      if (!this.isPodVolume(volume.name)) continue;
      const spec = volume.toSpec();
      const earlier = byName.get(spec.name);
      if (!earlier) byName.set(spec.name, structuredClone(spec));
      else if (JSON.stringify(earlier) !== JSON.stringify(spec)) {
        throw new KccError(`${this.apiObject.kind} ${this.name} has two different volumes named "${spec.name}"`, {
          location: this.apiObject.location,
          hint: 'give one of them another name (the `name` option of the Volume factory)',
        });
      }
    }
    return [...byName.values()];
  }

  /** False for volumes that are declared elsewhere (a StatefulSet's claim templates). */
  protected isPodVolume(_name: string): boolean {
    return true;
  }

  private checkUniqueName(name: string): void {
    if ([...this.containerList, ...this.initContainerList].some((c) => c.name === name)) {
      throw new KccError(`${this.node.path} already has a container named "${name}"`, {
        location: captureCreationSite()?.location,
        hint: 'give each container its own name',
      });
    }
  }
}

function isConstruct(value: object): value is IConstruct {
  return 'node' in value;
}
