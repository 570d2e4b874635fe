import { Construct } from 'constructs';
import type { ApiObjectMetadataProps } from '../core/api-object.js';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { Ingress as IngressObject, type IngressBackend as IngressBackendSpec, type IngressRule, type IngressTLS } from '../k8s/networking-v1.js';
import { nameOf, type NamedRef } from './env-value.js';
import { atSynth } from './lazy.js';

export type PathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/**
 * Where an Ingress sends requests: `IngressBackend.service(web.expose(), 80)` or
 * `IngressBackend.service('web', 'http')`, the networking.k8s.io/v1 form (service.name,
 * service.port.number|name) that replaced `serviceName`/`servicePort`.
 */
export class IngressBackend {
  static service(service: NamedRef | string, port: number | string): IngressBackend {
    const portSpec = typeof port === 'number' ? { number: port } : { name: port };
    return new IngressBackend({ service: { name: nameOf(service), port: portSpec } });
  }

  /** Any object by reference (e.g. a storage bucket of the controller's own API group). */
  static resource(apiGroup: string, kind: string, name: string): IngressBackend {
    return new IngressBackend({ resource: { apiGroup, kind, name } });
  }

  private constructor(readonly spec: IngressBackendSpec) {}
}

export interface IngressProps {
  readonly metadata?: ApiObjectMetadataProps;
  /** The IngressClass (controller) serving it. @default the cluster's default IngressClass */
  readonly className?: NamedRef | string;
  /** Requests no rule matches. @default the controller's own 404 */
  readonly defaultBackend?: IngressBackend;
}

interface PathEntry {
  path: string;
  pathType: PathType;
  backend: IngressBackend;
}

/**
 * An Ingress built rule by rule (`kubectl create ingress --rule`):
 *
 * ```ts
 * const ingress = new Ingress(chart, 'shop', { className: 'nginx' });
 * ingress.addHostRule('shop.example.com', '/', IngressBackend.service(web, 80));
 * ingress.addRule('/api', IngressBackend.service(api, 8080));
 * ingress.addTls(['shop.example.com'], tlsSecret);
 * ```
 */
export class Ingress extends Construct {
  readonly apiObject: IngressObject;
  /** host ('' for any host) -> paths, in the order added. */
  private readonly rules = new Map<string, PathEntry[]>();
  private readonly tls: IngressTLS[] = [];
  private defaultBackend?: IngressBackend;

  constructor(scope: Construct, id: string, props: IngressProps = {}) {
    super(scope, id);
    this.defaultBackend = props.defaultBackend;
    const className = props.className ? nameOf(props.className) : undefined;
    this.apiObject = new IngressObject(this, 'Resource', {
      metadata: props.metadata,
      spec: atSynth(() => {
        if (!this.defaultBackend && this.rules.size === 0) {
          throw new KccError(`Ingress ${this.name} has neither rules nor a default backend`, {
            location: this.apiObject.location,
            hint: 'call addRule() or pass defaultBackend',
          });
        }
        return {
          ...(className ? { ingressClassName: className } : {}),
          ...(this.defaultBackend ? { defaultBackend: structuredClone(this.defaultBackend.spec) } : {}),
          ...(this.rules.size ? { rules: [...this.rules].map(([host, paths]) => ruleSpec(host, paths)) } : {}),
          ...(this.tls.length ? { tls: structuredClone(this.tls) } : {}),
        };
      }),
    });
    this.node.defaultChild = this.apiObject;
  }

  get name(): string {
    return this.apiObject.name;
  }

  /** A path for any host. @default pathType Prefix */
  addRule(path: string, backend: IngressBackend, pathType: PathType = 'Prefix'): this {
    return this.addHostRule('', path, backend, pathType);
  }

  /** A path for one host (`*.example.com` wildcards allowed). @default pathType Prefix */
  addHostRule(host: string, path: string, backend: IngressBackend, pathType: PathType = 'Prefix'): this {
    if (!path.startsWith('/')) {
      throw new KccError(`ingress path "${path}" must start with "/"`, { location: captureCreationSite()?.location });
    }
    const paths = this.rules.get(host) ?? [];
    if (paths.some((p) => p.path === path && p.pathType === pathType)) {
      throw new KccError(`Ingress ${this.name} already routes ${host || '*'}${path}`, { location: captureCreationSite()?.location });
    }
    paths.push({ path, pathType, backend });
    this.rules.set(host, paths);
    return this;
  }

  addDefaultBackend(backend: IngressBackend): this {
    if (this.defaultBackend) throw new KccError(`Ingress ${this.name} already has a default backend`, { location: captureCreationSite()?.location });
    this.defaultBackend = backend;
    return this;
  }

  /** TLS for these hosts with a `kubernetes.io/tls` Secret (e.g. `Secret.tls(...)`). */
  addTls(hosts: string[], secret: NamedRef | string): this {
    this.tls.push({ hosts: [...hosts], secretName: nameOf(secret) });
    return this;
  }
}

function ruleSpec(host: string, paths: PathEntry[]): IngressRule {
  return {
    ...(host ? { host } : {}),
    http: { paths: paths.map((p) => ({ path: p.path, pathType: p.pathType, backend: structuredClone(p.backend.spec) })) },
  };
}
