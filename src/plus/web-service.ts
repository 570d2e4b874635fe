import { Construct, type IConstruct } from 'constructs';
import { Deployment } from '../k8s/apps-v1.js';
import { Service, type Container, type EnvFromSource, type LocalObjectReference, type ResourceRequirements, type Volume as VolumeSpec, type VolumeMount } from '../k8s/core-v1.js';
import { ConfigMap } from './config-map.js';
import { EnvValue, envVars, nameOf, type NamedRef } from './env-value.js';
import type { Probe } from './probe.js';
import { Secret } from './secret.js';
import type { Volume } from './volume.js';

import type { ServiceType } from './service.js';

export type { ServiceType };

export interface WebServiceProps {
  readonly image: string;
  /** Deployment name (and the `app` label). @default derived from the construct path */
  readonly name?: string;
  /** @default 1 */
  readonly replicas?: number;
  /** Port the container listens on. @default 80 */
  readonly port?: number;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: Record<string, string | EnvValue>;
  /** Every key of these ConfigMaps and Secrets becomes an environment variable (`envFrom`). */
  readonly envFrom?: (ConfigMap | Secret)[];
  readonly resources?: ResourceRequirements;
  readonly liveness?: Probe;
  readonly readiness?: Probe;
  /** Labels added to the pods besides `app`. @default none */
  readonly podLabels?: Record<string, string>;
  /** @default the namespace's default service account */
  readonly serviceAccountName?: string;
  /** Secrets (docker-registry) used to pull the image. @default none */
  readonly imagePullSecrets?: (NamedRef | string)[];
}

export interface ExposeOptions {
  /** @default ClusterIP */
  readonly type?: ServiceType;
  /** Port the Service listens on. @default the container port */
  readonly port?: number;
  /** For NodePort and LoadBalancer: a fixed node port (30000-32767). @default chosen by the cluster */
  readonly nodePort?: number;
  /** @default the Deployment's name */
  readonly name?: string;
}

/**
 * One container behind a Deployment, the declarative form of `kubectl create deployment` +
 * `kubectl expose` + `kubectl set env`: pods labelled `app: <name>`, selected by that label.
 *
 * ```ts
 * const web = new WebService(chart, 'web', { image: 'nginx:1.27', replicas: 3 });
 * web.expose({ type: 'NodePort', port: 80, nodePort: 30080 });
 * ```
 */
export class WebService extends Construct {
  readonly deployment: Deployment;
  /** The container port. */
  readonly port: number;
  /** Labels on the pods; the selector uses `app`. */
  readonly podLabels: Record<string, string>;
  private readonly container: Container;
  private readonly podSpec: { containers: Container[]; volumes?: VolumeSpec[]; [field: string]: unknown };

  constructor(scope: Construct, id: string, props: WebServiceProps) {
    super(scope, id);
    this.port = props.port ?? 80;
    this.container = {
      name: 'main',
      image: props.image,
      ports: [{ containerPort: this.port }],
      ...(props.command ? { command: props.command } : {}),
      ...(props.args ? { args: props.args } : {}),
      ...(props.env ? { env: envVars(props.env) } : {}),
      ...(props.envFrom ? { envFrom: props.envFrom.map(envFromSource) } : {}),
      ...(props.resources ? { resources: props.resources } : {}),
      ...(props.liveness ? { livenessProbe: props.liveness.toSpec() } : {}),
      ...(props.readiness ? { readinessProbe: props.readiness.toSpec() } : {}),
    };
    // The spec object is filled in after construction because the `app` label is the derived
    // name. Synth copies it then, so containers and volumes added later are included too.
    const spec: Record<string, unknown> = {};
    this.deployment = new Deployment(this, 'Resource', { metadata: props.name ? { name: props.name } : undefined, spec: spec as never });
    this.podLabels = { ...props.podLabels, app: this.deployment.name };
    const pullSecrets: LocalObjectReference[] | undefined = props.imagePullSecrets?.map((s) => ({ name: nameOf(s) }));
    this.podSpec = {
      containers: [this.container],
      ...(props.serviceAccountName ? { serviceAccountName: props.serviceAccountName } : {}),
      ...(pullSecrets ? { imagePullSecrets: pullSecrets } : {}),
    };
    Object.assign(spec, {
      replicas: props.replicas ?? 1,
      selector: { matchLabels: { app: this.deployment.name } },
      template: {
        metadata: { labels: this.podLabels },
        spec: this.podSpec,
      },
    });
    this.node.defaultChild = this.deployment;
  }

  /** Installed after the given constructs (objects, charts, or groups of them). */
  addDependency(...dependencies: IConstruct[]): this {
    this.node.addDependency(...dependencies);
    return this;
  }

  /** Mounts a volume into the container. */
  addVolume(volume: Volume, mountPath: string, options: { readOnly?: boolean; subPath?: string } = {}): this {
    const volumes = (this.podSpec.volumes ??= []);
    if (!volumes.some((v) => v.name === volume.name)) volumes.push(volume.toSpec());
    const mount: VolumeMount = { name: volume.name, mountPath, ...(options.readOnly ? { readOnly: true } : {}), ...(options.subPath ? { subPath: options.subPath } : {}) };
    (this.container.volumeMounts ??= []).push(mount);
    return this;
  }

  /** `kubectl set env`: one more environment variable. */
  addEnv(name: string, value: string | EnvValue): this {
    (this.container.env ??= []).push((typeof value === 'string' ? EnvValue.fromValue(value) : value).toEnvVar(name));
    return this;
  }

  /** `kubectl expose deployment`: a Service selecting these pods. */
  expose(options: ExposeOptions = {}): Service {
    const port = options.port ?? this.port;
    return new Service(this, `Service${options.type && options.type !== 'ClusterIP' ? options.type : ''}${options.port ?? ''}`, {
      metadata: { name: options.name ?? this.deployment.name },
      spec: {
        ...(options.type ? { type: options.type } : {}),
        selector: { app: this.deployment.name },
        ports: [{ port, targetPort: this.port, ...(options.nodePort !== undefined ? { nodePort: options.nodePort } : {}) }],
      },
    });
  }
}

function envFromSource(source: ConfigMap | Secret): EnvFromSource {
  return source instanceof Secret ? { secretRef: { name: source.name } } : { configMapRef: { name: source.name } };
}
