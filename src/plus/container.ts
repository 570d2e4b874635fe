import type {
  Container as ContainerSpec,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  Lifecycle,
  ResourceRequirements,
  SecurityContext,
  VolumeMount,
} from '../k8s/core-v1.js';
import { KccError } from '../core/errors.js';
import { captureCreationSite } from '../core/creation-site.js';
import type { ConfigMap } from './config-map.js';
import { EnvValue, envVars } from './env-value.js';
import type { Probe } from './probe.js';
import { Secret } from './secret.js';
import { containerResources, containerSecurityContext } from './secure-defaults.js';
import type { Volume } from './volume.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPortOptions {
  readonly number: number;
  /** Lets Services and probes refer to the port by name. @default none */
  readonly name?: string;
  /** @default TCP */
  readonly protocol?: Protocol;
  /** @default none (not exposed on the node) */
  readonly hostPort?: number;
}

export interface MountOptions {
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount one file or folder of the volume. @default the whole volume */
  readonly subPath?: string;
}

export interface ContainerProps {
  readonly image: string;
  /** Unique within the pod. @default `main` for the first container, else `container-<n>` */
  readonly name?: string;
  /** One port the container listens on (shorthand for `ports: [port]`). @default none */
  readonly port?: number;
  readonly ports?: (number | ContainerPortOptions)[];
  readonly command?: string[];
  readonly args?: string[];
  readonly workingDir?: string;
  readonly env?: Record<string, string | EnvValue>;
  /** Every key of these ConfigMaps and Secrets becomes an environment variable (`envFrom`). */
  readonly envFrom?: (ConfigMap | Secret)[];
  /** @default requests cpu 100m, memory 128Mi (see DEFAULT_RESOURCES); `{}` for none */
  readonly resources?: ResourceRequirements;
  readonly liveness?: Probe;
  readonly readiness?: Probe;
  readonly startup?: Probe;
  readonly lifecycle?: Lifecycle;
  /** @default Kubernetes' default (Always for `:latest`, else IfNotPresent) */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Fields laid over the secure defaults (e.g. `{ runAsUser: 1000 }` or `{ readOnlyRootFilesystem: false }`). */
  readonly securityContext?: SecurityContext;
  /**
   * Non-root, read-only root filesystem, no privilege escalation, all capabilities dropped, and
   * default resource requests.
   * @default the workload's `secureDefaults` (true)
   */
  readonly secureDefaults?: boolean;
}

/**
 * One container of a pod. Created by a workload (`deployment.addContainer({...})`); volumes it
 * mounts are added to the pod automatically.
 */
export class Container {
  readonly name: string;
  readonly image: string;
  /** Native sidecar: an init container that keeps running (`restartPolicy: Always`). */
  readonly sidecar: boolean;
  private readonly props: ContainerProps;
  private readonly ports: ContainerPort[];
  private readonly env: EnvVar[];
  private readonly mounts: { volume: Volume; mount: VolumeMount }[] = [];

  /** @internal Workloads create containers; `defaultSecure` is the workload's setting. */
  constructor(
    props: ContainerProps,
    name: string,
    private readonly defaultSecure: boolean,
    sidecar = false,
  ) {
    this.props = props;
    this.name = props.name ?? name;
    this.image = props.image;
    this.sidecar = sidecar;
    const ports = [...(props.port !== undefined ? [props.port] : []), ...(props.ports ?? [])];
    this.ports = ports.map(toContainerPort);
    this.env = props.env ? envVars(props.env) : [];
  }

  /** The first port, which `expose()` targets by default. */
  get port(): number | undefined {
    return this.ports[0]?.containerPort;
  }

  get portSpecs(): readonly ContainerPort[] {
    return this.ports;
  }

  /** Volumes this container mounts (the pod declares each once). */
  get volumes(): Volume[] {
    return this.mounts.map((m) => m.volume);
  }

  /** Mounts a volume (ConfigMap, Secret, emptyDir, claim...) at `path`. */
  mount(path: string, volume: Volume, options: MountOptions = {}): this {
    if (this.mounts.some((m) => m.mount.mountPath === path)) {
      throw new KccError(`container ${this.name} already mounts a volume at ${path}`, { location: captureCreationSite()?.location });
    }
    const mount: VolumeMount = {
      name: volume.name,
      mountPath: path,
      ...(options.readOnly ? { readOnly: true } : {}),
      ...(options.subPath ? { subPath: options.subPath } : {}),
    };
    this.mounts.push({ volume, mount });
    return this;
  }

  addEnv(name: string, value: string | EnvValue): this {
    this.env.push((typeof value === 'string' ? EnvValue.fromValue(value) : value).toEnvVar(name));
    return this;
  }

  addPort(port: number | ContainerPortOptions): this {
    this.ports.push(toContainerPort(port));
    return this;
  }

  toSpec(): ContainerSpec {
    const p = this.props;
    const secure = p.secureDefaults ?? this.defaultSecure;
    const securityContext = containerSecurityContext(secure, p.securityContext);
    const resources = containerResources(secure, p.resources);
    return {
      name: this.name,
      image: p.image,
      ...(this.sidecar ? { restartPolicy: 'Always' } : {}),
      ...(p.imagePullPolicy ? { imagePullPolicy: p.imagePullPolicy } : {}),
      ...(p.command ? { command: [...p.command] } : {}),
      ...(p.args ? { args: [...p.args] } : {}),
      ...(p.workingDir ? { workingDir: p.workingDir } : {}),
      ...(this.ports.length ? { ports: this.ports.map((port) => ({ ...port })) } : {}),
      ...(this.env.length ? { env: [...this.env] } : {}),
      ...(p.envFrom?.length ? { envFrom: p.envFrom.map(envFromSource) } : {}),
      ...(resources ? { resources } : {}),
      ...(p.liveness ? { livenessProbe: p.liveness.toSpec() } : {}),
      ...(p.readiness ? { readinessProbe: p.readiness.toSpec() } : {}),
      ...(p.startup ? { startupProbe: p.startup.toSpec() } : {}),
      ...(p.lifecycle ? { lifecycle: p.lifecycle } : {}),
      ...(this.mounts.length ? { volumeMounts: this.mounts.map((m) => ({ ...m.mount })) } : {}),
      ...(securityContext ? { securityContext } : {}),
    };
  }
}

function toContainerPort(port: number | ContainerPortOptions): ContainerPort {
  if (typeof port === 'number') return { containerPort: port };
  return {
    containerPort: port.number,
    ...(port.name ? { name: port.name } : {}),
    ...(port.protocol ? { protocol: port.protocol } : {}),
    ...(port.hostPort !== undefined ? { hostPort: port.hostPort } : {}),
  };
}

export function envFromSource(source: ConfigMap | Secret): EnvFromSource {
  return source instanceof Secret ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
}
