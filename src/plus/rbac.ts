import { Construct, type IConstruct } from 'constructs';
import { captureCreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import {
  ClusterRole as ClusterRoleObject,
  ClusterRoleBinding,
  Role as RoleObject,
  RoleBinding,
  type PolicyRule,
  type Subject as SubjectSpec,
} from '../k8s/rbac-v1.js';
import type { ServiceAccount } from './service-account.js';

/** Who is granted access: `Subject.user('jane')`, `Subject.group('devs')`, `Subject.serviceAccount('ci', 'build')`. */
export class Subject {
  static user(name: string): Subject {
    return new Subject({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
  }

  static group(name: string): Subject {
    return new Subject({ kind: 'Group', name, apiGroup: 'rbac.authorization.k8s.io' });
  }

  /**
   * A service account by name and namespace, or a kcc-plus ServiceAccount (its namespace by
   * default). In a RoleBinding the namespace may be left out: it is then the binding's.
   */
  static serviceAccount(account: string | ServiceAccount, namespace?: string): Subject {
    const name = typeof account === 'string' ? account : account.name;
    const ns = namespace ?? (typeof account === 'string' ? undefined : account.namespace);
    return new Subject({ kind: 'ServiceAccount', name, ...(ns ? { namespace: ns } : {}) });
  }

  /** A Subject, or a kcc-plus ServiceAccount as one. */
  static of(subject: Subject | ServiceAccount): Subject {
    return subject instanceof Subject ? subject : Subject.serviceAccount(subject);
  }

  private constructor(readonly spec: SubjectSpec) {}
}

/** What access is about: `Resource.of('pods')`, `Resource.of('deployments', 'apps')`; core group by default. */
export class Resource {
  static of(resource: string, apiGroup = ''): Resource {
    return new Resource(apiGroup, resource);
  }

  /** A subresource such as `pods/log` or `pods/exec`. */
  static subresource(resource: string, subresource: string, apiGroup = ''): Resource {
    return new Resource(apiGroup, `${resource}/${subresource}`);
  }

  static readonly PODS = Resource.of('pods');
  static readonly SERVICES = Resource.of('services');
  static readonly CONFIG_MAPS = Resource.of('configmaps');
  static readonly SECRETS = Resource.of('secrets');
  static readonly DEPLOYMENTS = Resource.of('deployments', 'apps');
  static readonly NODES = Resource.of('nodes');
  static readonly JOBS = Resource.of('jobs', 'batch');
  static readonly CRON_JOBS = Resource.of('cronjobs', 'batch');
  static readonly STATEFUL_SETS = Resource.of('statefulsets', 'apps');
  static readonly DAEMON_SETS = Resource.of('daemonsets', 'apps');
  static readonly PERSISTENT_VOLUME_CLAIMS = Resource.of('persistentvolumeclaims');
  static readonly INGRESSES = Resource.of('ingresses', 'networking.k8s.io');

  private constructor(
    readonly apiGroup: string,
    readonly resource: string,
    /** Only these objects (`resourceNames`). @default all */
    readonly names: readonly string[] = [],
  ) {}

  /** Only the named objects of this resource (`resourceNames`). */
  named(...names: string[]): Resource {
    return new Resource(this.apiGroup, this.resource, [...this.names, ...names]);
  }
}

export const READ_VERBS = ['get', 'list', 'watch'] as const;
/** Every verb that changes objects. */
export const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export interface AccessRoleProps {
  /** A ClusterRole (cluster-wide) instead of a Role in the chart's namespace. @default false */
  readonly clusterWide?: boolean;
  /** @default derived from the construct path */
  readonly name?: string;
}

/**
 * A Role or ClusterRole with its bindings: the declarative form of `kubectl create role|clusterrole
 * --verb --resource` and `kubectl create rolebinding|clusterrolebinding`.
 *
 * ```ts
 * const reader = new AccessRole(chart, 'pod-reader');
 * reader.allow(READ_VERBS, Resource.PODS).bind(Subject.user('jane'));
 * ```
 */
export class AccessRole extends Construct {
  readonly role: RoleObject | ClusterRoleObject;
  readonly clusterWide: boolean;
  private readonly rules: PolicyRule[] = [];
  private bindings = 0;

  constructor(scope: Construct, id: string, props: AccessRoleProps = {}) {
    super(scope, id);
    this.clusterWide = props.clusterWide ?? false;
    const metadata = props.name ? { name: props.name } : undefined;
    // `rules` is read at synth, so rules allowed later are included.
    this.role = this.clusterWide
      ? new ClusterRoleObject(this, 'Resource', { metadata, rules: this.rules })
      : new RoleObject(this, 'Resource', { metadata, rules: this.rules });
    this.node.defaultChild = this.role;
  }

  get name(): string {
    return this.role.name;
  }

  /** Installed after the given constructs (objects, charts, or groups of them). */
  addDependency(...dependencies: IConstruct[]): this {
    this.node.addDependency(...dependencies);
    return this;
  }

  /** Allows these verbs on these resources (resources of one API group, and the same resourceNames, share a rule). */
  allow(verbs: readonly string[], ...resources: Resource[]): this {
    const byGroup = new Map<string, { apiGroup: string; names: readonly string[]; resources: string[] }>();
    for (const r of resources) {
      const key = JSON.stringify([r.apiGroup, r.names]);
      const entry = byGroup.get(key) ?? { apiGroup: r.apiGroup, names: r.names, resources: [] };
      entry.resources.push(r.resource);
      byGroup.set(key, entry);
    }
    for (const { apiGroup, names, resources: list } of byGroup.values()) {
      this.rules.push({ apiGroups: [apiGroup], resources: list, ...(names.length ? { resourceNames: [...names] } : {}), verbs: [...verbs] });
    }
    return this;
  }

  /** ClusterRole only: verbs on non-resource URLs such as `/healthz` or `/metrics`. */
  allowNonResource(verbs: readonly string[], ...urls: string[]): this {
    if (!this.clusterWide) {
      throw new KccError('non-resource URLs can only be allowed by a ClusterRole', {
        location: captureCreationSite()?.location,
        hint: 'pass clusterWide: true',
      });
    }
    this.rules.push({ nonResourceURLs: [...urls], verbs: [...verbs] });
    return this;
  }

  /** Grants this role to subjects (users, groups, service accounts): a new binding. */
  grant(...subjects: (Subject | ServiceAccount)[]): RoleBinding | ClusterRoleBinding {
    return this.bind(...subjects.map((s) => Subject.of(s)));
  }

  /** `grant()` with an explicit name for the binding (`kubectl create rolebinding NAME`). */
  grantAs(bindingName: string, ...subjects: (Subject | ServiceAccount)[]): RoleBinding | ClusterRoleBinding {
    return this.createBinding(
      subjects.map((s) => Subject.of(s)),
      bindingName,
    );
  }

  /**
   * ClusterRole only: grants it within one namespace (a RoleBinding referring to the ClusterRole),
   * the usual way to reuse one set of rules across namespaces.
   */
  grantInNamespace(namespace: string, ...subjects: (Subject | ServiceAccount)[]): RoleBinding {
    if (!this.clusterWide) {
      throw new KccError('grantInNamespace() is for a ClusterRole; a Role is already namespaced', {
        location: captureCreationSite()?.location,
        hint: 'use grant()',
      });
    }
    const id = `Binding${this.bindings++ || ''}`;
    return new RoleBinding(this, id, {
      metadata: { namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: this.role.name },
      subjects: subjects.map((s) => Subject.of(s).spec),
    });
  }

  /** `allow(['get', 'list', 'watch'], ...)` */
  allowRead(...resources: Resource[]): this {
    return this.allow(READ_VERBS, ...resources);
  }

  /** Grants this role to subjects: a RoleBinding, or a ClusterRoleBinding for a cluster-wide role. */
  bind(...subjects: Subject[]): RoleBinding | ClusterRoleBinding {
    return this.createBinding(subjects);
  }

  private createBinding(subjects: Subject[], bindingName?: string): RoleBinding | ClusterRoleBinding {
    if (subjects.length === 0)
      throw new KccError(`a binding of ${this.node.path} needs at least one subject`, { location: captureCreationSite()?.location });
    if (this.clusterWide) {
      const missing = subjects.find((s) => s.spec.kind === 'ServiceAccount' && !s.spec.namespace);
      if (missing) {
        throw new KccError(`service account ${missing.spec.name} needs a namespace in a ClusterRoleBinding`, {
          location: captureCreationSite()?.location,
          hint: 'Subject.serviceAccount(name, namespace), or a ServiceAccount in a chart with a namespace',
        });
      }
    }
    const id = `Binding${this.bindings++ || ''}`;
    const props = {
      ...(bindingName ? { metadata: { name: bindingName } } : {}),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: this.clusterWide ? 'ClusterRole' : 'Role', name: this.role.name },
      subjects: subjects.map((s) => s.spec),
    };
    return this.clusterWide ? new ClusterRoleBinding(this, id, props) : new RoleBinding(this, id, props);
  }
}

/** A namespaced Role with its bindings: `new Role(chart, 'pod-reader').allowRead(Resource.PODS).grant(sa)`. */
export class Role extends AccessRole {
  constructor(scope: Construct, id: string, props: Omit<AccessRoleProps, 'clusterWide'> = {}) {
    super(scope, id, { ...props, clusterWide: false });
  }
}

/** A ClusterRole with its bindings (cluster-wide with `grant`, one namespace with `grantInNamespace`). */
export class ClusterRole extends AccessRole {
  constructor(scope: Construct, id: string, props: Omit<AccessRoleProps, 'clusterWide'> = {}) {
    super(scope, id, { ...props, clusterWide: true });
  }
}
