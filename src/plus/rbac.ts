import { Construct, type IConstruct } from 'constructs';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding, type PolicyRule, type Subject as SubjectSpec } from '../k8s/rbac-v1.js';

/** Who is granted access: `Subject.user('jane')`, `Subject.group('devs')`, `Subject.serviceAccount('ci', 'build')`. */
export class Subject {
  static user(name: string): Subject {
    return new Subject({ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' });
  }

  static group(name: string): Subject {
    return new Subject({ kind: 'Group', name, apiGroup: 'rbac.authorization.k8s.io' });
  }

  static serviceAccount(name: string, namespace: string): Subject {
    return new Subject({ kind: 'ServiceAccount', name, namespace });
  }

  private constructor(readonly spec: SubjectSpec) {}
}

/** What access is about: `Resource.of('pods')`, `Resource.of('deployments', 'apps')`; core group by default. */
export class Resource {
  static of(resource: string, apiGroup = ''): Resource {
    return new Resource(apiGroup, resource);
  }

  static readonly PODS = Resource.of('pods');
  static readonly SERVICES = Resource.of('services');
  static readonly CONFIG_MAPS = Resource.of('configmaps');
  static readonly SECRETS = Resource.of('secrets');
  static readonly DEPLOYMENTS = Resource.of('deployments', 'apps');
  static readonly NODES = Resource.of('nodes');

  private constructor(
    readonly apiGroup: string,
    readonly resource: string,
  ) {}
}

export const READ_VERBS = ['get', 'list', 'watch'] as const;

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
  readonly role: Role | ClusterRole;
  readonly clusterWide: boolean;
  private readonly rules: PolicyRule[] = [];
  private bindings = 0;

  constructor(scope: Construct, id: string, props: AccessRoleProps = {}) {
    super(scope, id);
    this.clusterWide = props.clusterWide ?? false;
    const metadata = props.name ? { name: props.name } : undefined;
    // `rules` is read at synth, so rules allowed later are included.
    this.role = this.clusterWide ? new ClusterRole(this, 'Resource', { metadata, rules: this.rules }) : new Role(this, 'Resource', { metadata, rules: this.rules });
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

  /** Allows these verbs on these resources (resources of one API group share a rule). */
  allow(verbs: readonly string[], ...resources: Resource[]): this {
    const byGroup = new Map<string, string[]>();
    for (const r of resources) byGroup.set(r.apiGroup, [...(byGroup.get(r.apiGroup) ?? []), r.resource]);
    for (const [apiGroup, names] of byGroup) this.rules.push({ apiGroups: [apiGroup], resources: names, verbs: [...verbs] });
    return this;
  }

  /** `allow(['get', 'list', 'watch'], ...)` */
  allowRead(...resources: Resource[]): this {
    return this.allow(READ_VERBS, ...resources);
  }

  /** Grants this role to subjects: a RoleBinding, or a ClusterRoleBinding for a cluster-wide role. */
  bind(...subjects: Subject[]): RoleBinding | ClusterRoleBinding {
    const id = `Binding${this.bindings++ || ''}`;
    const props = {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: this.clusterWide ? 'ClusterRole' : 'Role', name: this.role.name },
      subjects: subjects.map((s) => s.spec),
    };
    return this.clusterWide ? new ClusterRoleBinding(this, id, props) : new RoleBinding(this, id, props);
  }
}
