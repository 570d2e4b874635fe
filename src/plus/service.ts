import type { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { Service, type ServicePort } from '../k8s/core-v1.js';
import type { Protocol } from './container.js';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface ServicePortOptions {
  /** The port the Service listens on. */
  readonly port: number;
  /** The pods' port (number or container port name). @default `port` */
  readonly targetPort?: number | string;
  /** NodePort/LoadBalancer only: a fixed node port (30000-32767). @default chosen by the cluster */
  readonly nodePort?: number;
  /** @default TCP */
  readonly protocol?: Protocol;
  /** Required by Kubernetes when a Service has several ports. @default none */
  readonly name?: string;
}

export interface ServiceOptions {
  /** @default ClusterIP */
  readonly type?: ServiceType;
  /** Port the Service listens on. @default the first container port */
  readonly port?: number;
  /** @default the first container port */
  readonly targetPort?: number | string;
  /** For NodePort and LoadBalancer: a fixed node port (30000-32767). @default chosen by the cluster */
  readonly nodePort?: number;
  /** @default TCP */
  readonly protocol?: Protocol;
  /** Several ports instead of `port`/`targetPort`/`nodePort`. */
  readonly ports?: ServicePortOptions[];
  /** A headless Service (`clusterIP: None`), as StatefulSets use for stable pod DNS names. @default false */
  readonly headless?: boolean;
  /** @default `{ name: <workload name> }` */
  readonly metadata?: ApiObjectMetadataProps;
}

/** A Service selecting `selector`: what `expose()` of every kcc-plus workload creates. */
export function createService(
  scope: Construct,
  id: string,
  selector: Record<string, string>,
  defaults: { name: string; port?: number },
  options: ServiceOptions,
): Service {
  const location = captureCreationSite()?.location;
  const ports = servicePorts(defaults.port, options);
  if (ports.length === 0) {
    throw new KccError(`cannot expose ${defaults.name}: no port`, { location, hint: 'give expose() a port, or the container a port' });
  }
  if (options.type === undefined || options.type === 'ClusterIP') {
    if (ports.some((p) => p.nodePort !== undefined)) throw new KccError('nodePort needs type NodePort or LoadBalancer', { location });
  }
  if (options.headless && options.type && options.type !== 'ClusterIP')
    throw new KccError(`a headless Service cannot be of type ${options.type}`, { location });
  if (ports.length > 1 && ports.some((p) => !p.name)) {
    throw new KccError(`a Service with ${ports.length} ports needs a name for each`, { location, hint: 'set name on each entry of ports' });
  }
  return new Service(scope, id, {
    metadata: { name: defaults.name, ...options.metadata },
    spec: {
      ...(options.type ? { type: options.type } : {}),
      ...(options.headless ? { clusterIP: 'None' } : {}),
      selector: { ...selector },
      ports,
    },
  });
}

function servicePorts(defaultPort: number | undefined, options: ServiceOptions): ServicePort[] {
  if (options.ports) return options.ports.map((p) => portSpec(p.port, p));
  const port = options.port ?? defaultPort;
  if (port === undefined) return [];
  return [portSpec(port, { targetPort: options.targetPort ?? defaultPort, nodePort: options.nodePort, protocol: options.protocol })];
}

function portSpec(port: number, p: Omit<ServicePortOptions, 'port'>): ServicePort {
  return {
    ...(p.name ? { name: p.name } : {}),
    port,
    ...(p.targetPort !== undefined && p.targetPort !== port ? { targetPort: p.targetPort } : {}),
    ...(p.nodePort !== undefined ? { nodePort: p.nodePort } : {}),
    ...(p.protocol ? { protocol: p.protocol } : {}),
  };
}
