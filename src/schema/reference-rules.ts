import type { KubeObject, TrackedObject } from '../core/kube-object.js';
import { IssueReporter } from './issue-reporter.js';
import { POD_SPEC_PATHS } from './pod-spec-rules.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Checks no single-object validator can make: an object naming another object (a ConfigMap, a
 * Secret, a Service, a Role, an HPA target) that is not in the same input. They are warnings: the
 * other object may be created elsewhere. A rule only applies when the input defines at least one
 * object of the kind named, so validating one file of an app does not warn about all the rest.
 */

type Path = (string | number)[];

/** One object naming another: where the name is written, and what it names. */
interface Reference {
  path: Path;
  kind: string;
  name: string;
}

interface ReferenceRule {
  kinds: string[];
  find: (object: KubeObject) => Reference[];
}

const CLUSTER_SCOPED = new Set(['ClusterRole']);
/** ClusterRoles every cluster has (the API server's bootstrap policy). */
const BUILT_IN_CLUSTER_ROLE = /^(system:|cluster-admin$|admin$|edit$|view$)/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function valueAt(object: unknown, path: Path): unknown {
  let node = object;
  for (const segment of path) node = Array.isArray(node) ? node[segment as number] : record(node)?.[segment as string];
  return node;
}

/** A reference unless it is marked optional (the pod starts without it). */
function required(ref: Record<string, unknown> | undefined, path: Path, kind: string): Reference[] {
  return ref && typeof ref.name === 'string' && ref.optional !== true ? [{ path: [...path, 'name'], kind, name: ref.name }] : [];
}

/** ConfigMaps and Secrets a pod spec reads: env, envFrom and volumes (projected ones included). */
function podSpecReferences(object: KubeObject): Reference[] {
  const at = POD_SPEC_PATHS[object.kind]?.spec;
  const spec = at ? record(valueAt(object, at)) : undefined;
  if (!at || !spec) return [];
  const found: Reference[] = [];
  for (const group of ['initContainers', 'containers']) {
    list(spec[group]).forEach((container, c) => {
      const base = [...at, group, c];
      list(record(container)?.env).forEach((variable, e) => {
        const from = record(record(variable)?.valueFrom);
        found.push(...required(record(from?.configMapKeyRef), [...base, 'env', e, 'valueFrom', 'configMapKeyRef'], 'ConfigMap'));
        found.push(...required(record(from?.secretKeyRef), [...base, 'env', e, 'valueFrom', 'secretKeyRef'], 'Secret'));
      });
      list(record(container)?.envFrom).forEach((source, e) => {
        found.push(...required(record(record(source)?.configMapRef), [...base, 'envFrom', e, 'configMapRef'], 'ConfigMap'));
        found.push(...required(record(record(source)?.secretRef), [...base, 'envFrom', e, 'secretRef'], 'Secret'));
      });
    });
  }
  list(spec.volumes).forEach((volume, v) => {
    const base = [...at, 'volumes', v];
    const configMap = record(record(volume)?.configMap);
    found.push(...required(configMap, [...base, 'configMap'], 'ConfigMap'));
    const secret = record(record(volume)?.secret);
    if (secret && typeof secret.secretName === 'string' && secret.optional !== true) {
      found.push({ path: [...base, 'secret', 'secretName'], kind: 'Secret', name: secret.secretName });
    }
    list(record(record(volume)?.projected)?.sources).forEach((source, s) => {
      found.push(...required(record(record(source)?.configMap), [...base, 'projected', 'sources', s, 'configMap'], 'ConfigMap'));
      found.push(...required(record(record(source)?.secret), [...base, 'projected', 'sources', s, 'secret'], 'Secret'));
    });
  });
  return found;
}

function ingressReferences(object: KubeObject): Reference[] {
  return ingressBackends(object).map((backend) => ({ path: [...backend.path.slice(0, -1), 'name'], kind: 'Service', name: backend.service }));
}

function roleReferences(object: KubeObject): Reference[] {
  const roleRef = record(object.roleRef);
  const kind = roleRef?.kind;
  if (typeof roleRef?.name !== 'string' || (kind !== 'Role' && kind !== 'ClusterRole')) return [];
  if (kind === 'ClusterRole' && BUILT_IN_CLUSTER_ROLE.test(roleRef.name)) return [];
  return [{ path: ['roleRef', 'name'], kind, name: roleRef.name }];
}

function scaleTargetReferences(object: KubeObject): Reference[] {
  const target = record(record(object.spec)?.scaleTargetRef);
  return typeof target?.kind === 'string' && typeof target.name === 'string'
    ? [{ path: ['spec', 'scaleTargetRef', 'name'], kind: target.kind, name: target.name }]
    : [];
}

/** Which kinds name which: read top to bottom against the Kubernetes docs. */
const REFERENCE_RULES: ReferenceRule[] = [
  { kinds: Object.keys(POD_SPEC_PATHS), find: podSpecReferences },
  { kinds: ['Ingress'], find: ingressReferences },
  { kinds: ['RoleBinding', 'ClusterRoleBinding'], find: roleReferences },
  { kinds: ['HorizontalPodAutoscaler'], find: scaleTargetReferences },
];

/** An object without a namespace lands in the default one (or the one given at apply time). */
function namespaceOf(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  return namespace === undefined || namespace === 'default' ? '' : namespace;
}

function nameKey(kind: string, namespace: string, name: string): string {
  return `${kind}|${CLUSTER_SCOPED.has(kind) ? '' : namespace}|${name}`;
}

/** Pod template labels of the input's workloads, per namespace, for Service selectors. */
function podLabelsByNamespace(objects: TrackedObject[]): Map<string, Record<string, unknown>[]> {
  const byNamespace = new Map<string, Record<string, unknown>[]>();
  for (const { object } of objects) {
    const at = POD_SPEC_PATHS[object?.kind];
    if (!at) continue;
    const labelsPath = object.kind === 'Pod' ? ['metadata', 'labels'] : [...at.spec.slice(0, -1), 'metadata', 'labels'];
    const labels = record(valueAt(object, labelsPath)) ?? {};
    const namespace = namespaceOf(object);
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), labels]);
  }
  return byNamespace;
}

function selects(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function checkServiceSelectors(objects: TrackedObject[]): ValidationIssue[] {
  const podLabels = podLabelsByNamespace(objects);
  if (podLabels.size === 0) return [];
  const issues: ValidationIssue[] = [];
  for (const tracked of objects) {
    const { object } = tracked;
    const selector = object?.kind === 'Service' ? record(record(object.spec)?.selector) : undefined;
    if (!selector || Object.keys(selector).length === 0) continue;
    const candidates = podLabels.get(namespaceOf(object)) ?? [];
    if (candidates.some((labels) => selects(selector, labels))) continue;
    const report = new IssueReporter(tracked);
    const wanted = Object.entries(selector)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(', ');
    report.add('dangling-reference', ['spec', 'selector'], `selects no pod template in this input (${wanted})`, {
      severity: 'warning',
      hint: "check the selector against the workload's spec.template.metadata.labels",
    });
    issues.push(...report.issues);
  }
  return issues;
}

/** Each Ingress backend's Service: the backend path and the port it asks for. */
function ingressBackends(object: KubeObject): { path: Path; service: string; port: Record<string, unknown> | undefined }[] {
  const spec = record(object.spec);
  const backends: { path: Path; service: string; port: Record<string, unknown> | undefined }[] = [];
  const add = (value: unknown, path: Path): void => {
    const service = record(record(value)?.service);
    if (typeof service?.name === 'string') backends.push({ path: [...path, 'service', 'port'], service: service.name, port: record(service.port) });
  };
  add(spec?.defaultBackend, ['spec', 'defaultBackend']);
  list(spec?.rules).forEach((rule, r) => {
    list(record(record(rule)?.http)?.paths).forEach((path, p) => add(record(path)?.backend, ['spec', 'rules', r, 'http', 'paths', p, 'backend']));
  });
  return backends;
}

/** An Ingress backend port the input's Service does not expose (by number or by name). */
function checkIngressPorts(objects: TrackedObject[]): ValidationIssue[] {
  const services = new Map<string, Record<string, unknown>[]>();
  for (const { object } of objects) {
    if (object?.kind !== 'Service' || typeof object.metadata?.name !== 'string') continue;
    const ports = list(record(object.spec)?.ports)
      .map(record)
      .filter((port): port is Record<string, unknown> => port !== undefined);
    services.set(nameKey('Service', namespaceOf(object), object.metadata.name), ports);
  }
  const issues: ValidationIssue[] = [];
  for (const tracked of objects) {
    if (tracked.object?.kind !== 'Ingress') continue;
    for (const backend of ingressBackends(tracked.object)) {
      const ports = services.get(nameKey('Service', namespaceOf(tracked.object), backend.service));
      const wanted = backend.port?.number ?? backend.port?.name;
      if (!ports || wanted === undefined || ports.some((port) => port.port === wanted || port.name === wanted)) continue;
      const exposed = ports.map((port) => (typeof port.name === 'string' ? `${port.name} (${String(port.port)})` : String(port.port))).join(', ');
      const report = new IssueReporter(tracked);
      report.add('dangling-reference', backend.path, `Service "${backend.service}" has no port ${JSON.stringify(wanted)}`, {
        severity: 'warning',
        hint: exposed ? `its ports: ${exposed}` : 'the Service defines no ports',
      });
      issues.push(...report.issues);
    }
  }
  return issues;
}

/** Every reference to an object of a kind the input defines, but not that object. */
export function checkReferences(objects: TrackedObject[]): ValidationIssue[] {
  const defined = new Set<string>();
  const definedKinds = new Set<string>();
  for (const { object } of objects) {
    if (typeof object?.kind !== 'string' || typeof object.metadata?.name !== 'string') continue;
    defined.add(nameKey(object.kind, namespaceOf(object), object.metadata.name));
    definedKinds.add(object.kind);
  }
  const issues = [...checkServiceSelectors(objects), ...checkIngressPorts(objects)];
  for (const tracked of objects) {
    const { object } = tracked;
    const rules = typeof object?.kind === 'string' ? REFERENCE_RULES.filter((rule) => rule.kinds.includes(object.kind)) : [];
    let report: IssueReporter | undefined;
    for (const rule of rules) {
      for (const ref of rule.find(object)) {
        if (!definedKinds.has(ref.kind) || defined.has(nameKey(ref.kind, namespaceOf(object), ref.name))) continue;
        report ??= new IssueReporter(tracked);
        report.add('dangling-reference', ref.path, `names ${ref.kind} "${ref.name}", which is not in this input`, {
          severity: 'warning',
          hint: `add the ${ref.kind} to the input, or check the name (it may also be created outside kcc)`,
        });
      }
    }
    if (report) issues.push(...report.issues);
  }
  return issues;
}
