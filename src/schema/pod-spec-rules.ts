import type { KubeObject } from '../core/kube-object.js';
import { compareQuantities, quantityValue } from './quantity.js';
import type { SemanticFinding } from './semantic-finding.js';

/**
 * The API server's checks inside a pod spec that span fields (pkg/apis/core/validation of the
 * pinned release): what the OpenAPI schema cannot say. Each rule reads one pod spec and returns
 * findings with paths relative to it; `checkPodSpec` finds the pod spec of each kind from a table.
 */

type Path = (string | number)[];
/** A pod spec, the volume names its owner adds to it (a StatefulSet's claim templates), and the restart policies its owner allows. */
interface PodSpecContext {
  spec: Record<string, unknown>;
  ownerVolumes: string[];
  restartPolicies?: string[];
}
type PodSpecRule = (context: PodSpecContext) => SemanticFinding[];

const CONTROLLER_RESTART = ['Always'];
const JOB_RESTART = ['OnFailure', 'Never'];

/**
 * Where each kind keeps its pod spec, the list whose items' metadata.name become volumes, and
 * the restartPolicy values the owner accepts (a missing one is defaulted to Always first).
 */
export const POD_SPEC_PATHS: Record<string, { spec: Path; volumeTemplates?: Path; restartPolicies?: string[] }> = {
  Pod: { spec: ['spec'] },
  PodTemplate: { spec: ['template', 'spec'] },
  Deployment: { spec: ['spec', 'template', 'spec'], restartPolicies: CONTROLLER_RESTART },
  ReplicaSet: { spec: ['spec', 'template', 'spec'], restartPolicies: CONTROLLER_RESTART },
  StatefulSet: { spec: ['spec', 'template', 'spec'], volumeTemplates: ['spec', 'volumeClaimTemplates'], restartPolicies: CONTROLLER_RESTART },
  DaemonSet: { spec: ['spec', 'template', 'spec'], restartPolicies: CONTROLLER_RESTART },
  ReplicationController: { spec: ['spec', 'template', 'spec'], restartPolicies: CONTROLLER_RESTART },
  Job: { spec: ['spec', 'template', 'spec'], restartPolicies: JOB_RESTART },
  CronJob: { spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'], restartPolicies: JOB_RESTART },
};

/** The handler fields of probes and lifecycle hooks: exactly one may be set (validateHandler). */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const HANDLER_FIELDS: { path: string[]; handlers: string[] }[] = [
  { path: ['livenessProbe'], handlers: PROBE_HANDLERS },
  { path: ['readinessProbe'], handlers: PROBE_HANDLERS },
  { path: ['startupProbe'], handlers: PROBE_HANDLERS },
  { path: ['lifecycle', 'postStart'], handlers: LIFECYCLE_HANDLERS },
  { path: ['lifecycle', 'preStop'], handlers: LIFECYCLE_HANDLERS },
];
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const NONE: SemanticFinding[] = [];
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Pod-level resources the PodLevelResources feature supports (component-helpers/resource). */
const POD_LEVEL_RESOURCES = ['cpu', 'memory'];
/** Unqualified resource names a container may request (core/helper IsStandardContainerResourceName). */
const CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
const HUGE_PAGES = 'hugepages-';

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : NONE;
}

function* containersOf(spec: Record<string, unknown>): Generator<{ container: Record<string, unknown>; path: Path; list: string }> {
  for (const name of CONTAINER_LISTS) {
    const containers = list(spec[name]);
    for (let i = 0; i < containers.length; i++) {
      const container = record(containers[i]);
      if (container) yield { container, path: [name, i], list: name };
    }
  }
}

/** IANA service name, as container and Service target port names must be (apimachinery IsValidPortName). */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase letters (a-z), digits (0-9) and hyphens (-)';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

const volumeMountsNameVolumes: PodSpecRule = ({ spec, ownerVolumes }) => {
  const volumes = new Set([...list(spec.volumes).map((v) => record(v)?.name), ...ownerVolumes]);
  let findings: SemanticFinding[] | undefined;
  for (const { container, path } of containersOf(spec)) {
    const mounts = list(container.volumeMounts);
    const mountPaths = new Set<unknown>();
    for (let i = 0; i < mounts.length; i++) {
      const mount = record(mounts[i]);
      if (!mount) continue;
      if (typeof mount.name === 'string' && !volumes.has(mount.name)) {
        const defined = [...volumes].filter((v) => typeof v === 'string');
        (findings ??= []).push({
          path: [...path, 'volumeMounts', i, 'name'],
          message: `volumeMount names volume "${mount.name}", which the pod does not define`,
          hint: defined.length ? `add it to spec.volumes, or use one of: ${defined.join(', ')}` : "add a volume with this name to the pod's spec.volumes",
        });
      }
      if (typeof mount.mountPath === 'string' && mountPaths.has(mount.mountPath)) {
        (findings ??= []).push({
          path: [...path, 'volumeMounts', i, 'mountPath'],
          message: `mountPath "${mount.mountPath}" is mounted twice in this container`,
          hint: 'each volumeMount of a container needs its own mountPath',
        });
      }
      mountPaths.add(mount.mountPath);
    }
  }
  return findings ?? NONE;
};

const uniqueVolumeNames: PodSpecRule = ({ spec }) => {
  const volumes = list(spec.volumes);
  const seen = new Set<string>();
  let findings: SemanticFinding[] | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const name = record(volumes[i])?.name;
    if (typeof name !== 'string') continue;
    if (seen.has(name))
      (findings ??= []).push({ path: ['volumes', i, 'name'], message: `volume "${name}" is defined twice`, hint: 'volume names must be unique within a pod' });
    else if (!DNS1123_LABEL.test(name) || name.length > 63) {
      (findings ??= []).push({
        path: ['volumes', i, 'name'],
        message: `volume name "${name}" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
      });
    }
    seen.add(name);
  }
  return findings ?? NONE;
};

/** Regular and init containers share one namespace of names (ephemeral ones are checked against both). */
const uniqueContainerNames: PodSpecRule = ({ spec }) => {
  const seen = new Map<string, string>();
  let findings: SemanticFinding[] | undefined;
  for (const { container, path, list: which } of containersOf(spec)) {
    const name = container.name;
    if (typeof name !== 'string') continue;
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      (findings ??= []).push({
        path: [...path, 'name'],
        message: `container name "${name}" is already used in ${earlier}`,
        hint: 'container names must be unique across containers, initContainers and ephemeralContainers',
      });
    } else if (!DNS1123_LABEL.test(name) || name.length > 63) {
      (findings ??= []).push({
        path: [...path, 'name'],
        message: `container name "${name}" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
      });
    }
    seen.set(name, which);
  }
  return findings ?? NONE;
};

const containerPortNames: PodSpecRule = ({ spec }) => {
  let findings: SemanticFinding[] | undefined;
  for (const { container, path } of containersOf(spec)) {
    const ports = list(container.ports);
    const names = new Set<string>();
    for (let i = 0; i < ports.length; i++) {
      const name = record(ports[i])?.name;
      if (typeof name !== 'string' || name === '') continue;
      const problem = portNameProblem(name);
      if (problem)
        (findings ??= []).push({
          path: [...path, 'ports', i, 'name'],
          message: `port name "${name}" ${problem}`,
          hint: 'a port name is an IANA service name, like "http" or "metrics-1"',
        });
      else if (names.has(name))
        (findings ??= []).push({
          path: [...path, 'ports', i, 'name'],
          message: `port name "${name}" is used twice in this container`,
          hint: 'port names must be unique within a container',
        });
      names.add(name);
    }
  }
  return findings ?? NONE;
};

function resourceNameFindings(
  resources: unknown,
  path: Path,
  allowed: (name: string) => boolean,
  what: string,
  hint: (name: string) => string,
): SemanticFinding[] {
  let findings: SemanticFinding[] | undefined;
  for (const section of ['limits', 'requests'] as const) {
    const names = record(record(resources)?.[section]);
    for (const name in names) {
      if (allowed(name)) continue;
      (findings ??= []).push({ path: [...path, 'resources', section], key: name, message: `"${name}" is not a resource ${what}`, hint: hint(name) });
    }
  }
  return findings ?? NONE;
}

function containerResourceHint(name: string): string {
  return name.includes('/')
    ? 'an extended resource needs a domain other than kubernetes.io, like "example.com/gpu"'
    : 'use cpu, memory, ephemeral-storage, hugepages-<size>, or an extended resource like "example.com/gpu"';
}

function isPodLevelResource(name: string): boolean {
  return POD_LEVEL_RESOURCES.includes(name) || name.startsWith(HUGE_PAGES);
}

function podResourceHint(): string {
  return 'pod-level resources are cpu, memory and hugepages-<size>; set other resources on a container';
}

function isContainerResource(name: string): boolean {
  if (CONTAINER_RESOURCES.includes(name) || name.startsWith(HUGE_PAGES)) return true;
  const slash = name.indexOf('/');
  if (slash === -1) return false;
  // Extended resources: qualified, outside the kubernetes.io namespaces, no quota "requests." prefix.
  const domain = name.slice(0, slash);
  return (
    domain !== 'kubernetes.io' && !domain.endsWith('.kubernetes.io') && !name.startsWith('requests.') && /^[a-z0-9.-]+\/[A-Za-z0-9][-A-Za-z0-9_.]*$/.test(name)
  );
}

const resourceNames: PodSpecRule = ({ spec }) => {
  const pod = resourceNameFindings(spec.resources, [], isPodLevelResource, 'a pod may set in spec.resources (cpu, memory, hugepages-<size>)', podResourceHint);
  let findings: SemanticFinding[] | undefined = pod === NONE ? undefined : [...pod];
  for (const { container, path } of containersOf(spec)) {
    const found = resourceNameFindings(container.resources, path, isContainerResource, 'a container may request', containerResourceHint);
    if (found.length) (findings ??= []).push(...found);
  }
  return findings ?? NONE;
};

/** Since Kubernetes 1.34 (RelaxedEnvironmentVariableValidation): any printable ASCII but "=". */
const envVarNames: PodSpecRule = ({ spec }) => {
  let findings: SemanticFinding[] | undefined;
  for (const { container, path } of containersOf(spec)) {
    const env = list(container.env);
    for (let i = 0; i < env.length; i++) {
      const name = record(env[i])?.name;
      if (typeof name !== 'string') continue;
      if (name === '') (findings ??= []).push({ path: [...path, 'env', i, 'name'], message: 'environment variable name may not be empty' });
      else if (!/^[\x20-\x7e]+$/.test(name) || name.includes('=')) {
        (findings ??= []).push({
          path: [...path, 'env', i, 'name'],
          message: `environment variable name "${name}" must consist only of printable ASCII characters other than "="`,
        });
      }
    }
  }
  return findings ?? NONE;
};

const restartPolicy: PodSpecRule = ({ spec, restartPolicies }) => {
  const value = typeof spec.restartPolicy === 'string' ? spec.restartPolicy : 'Always';
  if (!restartPolicies || restartPolicies.includes(value)) return NONE;
  const written = spec.restartPolicy === undefined ? 'restartPolicy is not set (so Always)' : `restartPolicy "${value}" is not supported here`;
  return [{ path: spec.restartPolicy === undefined ? [] : ['restartPolicy'], message: `${written}: use ${restartPolicies.map((p) => `"${p}"`).join(' or ')}` }];
};

const oneHandler: PodSpecRule = ({ spec }) => {
  let findings: SemanticFinding[] | undefined;
  for (const { container, path } of containersOf(spec)) {
    for (const { path: at, handlers } of HANDLER_FIELDS) {
      let handler: unknown = container;
      for (const segment of at) handler = record(handler)?.[segment];
      const fields = record(handler);
      if (!fields) continue;
      const set = handlers.filter((name) => fields[name] !== undefined && fields[name] !== null);
      if (set.length === 1) continue;
      const message = set.length === 0 ? `${at.join('.')} needs one of ${handlers.join(', ')}` : `${at.join('.')} may set only one of ${set.join(', ')}`;
      (findings ??= []).push({ path: [...path, ...at], message });
    }
  }
  return findings ?? NONE;
};

const envValueSources: PodSpecRule = ({ spec }) => {
  let findings: SemanticFinding[] | undefined;
  for (const { container, path } of containersOf(spec)) {
    const env = list(container.env);
    for (let i = 0; i < env.length; i++) {
      const variable = record(env[i]);
      const from = record(variable?.valueFrom);
      if (!variable || !from) continue;
      const sources = ENV_SOURCES.filter((name) => from[name] !== undefined && from[name] !== null);
      const at = [...path, 'env', i, 'valueFrom'];
      if (sources.length === 0) (findings ??= []).push({ path: at, message: `valueFrom needs one of ${ENV_SOURCES.join(', ')}` });
      else if (typeof variable.value === 'string' && variable.value !== '')
        (findings ??= []).push({ path: at, message: 'valueFrom may not be set when value is not empty', hint: 'keep either value or valueFrom' });
      else if (sources.length > 1) (findings ??= []).push({ path: at, message: `valueFrom may set only one of ${sources.join(', ')}` });
    }
  }
  return findings ?? NONE;
};

/** Native resources other than huge pages may be overcommitted (requests below limits); the others may not. */
function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return native && !name.startsWith(HUGE_PAGES);
}

function requestFindings(resources: unknown, path: Path): SemanticFinding[] {
  const requests = record(record(resources)?.requests);
  const limits = record(record(resources)?.limits);
  let findings: SemanticFinding[] | undefined;
  for (const name in requests) {
    const request = quantityValue(requests[name]);
    const limit = limits && name in limits ? quantityValue(limits[name]) : undefined;
    const at = [...path, 'resources', 'requests', name];
    if (request === undefined) continue;
    if (limit === undefined) {
      if (!isOvercommitAllowed(name) && !(limits && name in limits)) {
        (findings ??= []).push({ path: [...path, 'resources'], message: `${name} needs a limit equal to its request (it cannot be overcommitted)` });
      }
      continue;
    }
    const order = compareQuantities(request, limit);
    if (!isOvercommitAllowed(name) && order !== 0) {
      (findings ??= []).push({ path: at, message: `the ${name} request must equal its limit (${String(limits![name])})` });
    } else if (order > 0) {
      (findings ??= []).push({
        path: at,
        message: `the ${name} request ${String(requests[name])} is above its limit ${String(limits![name])}`,
        hint: 'a request must be less than or equal to the limit',
      });
    }
  }
  return findings ?? NONE;
}

const requestsWithinLimits: PodSpecRule = ({ spec }) => {
  const pod = requestFindings(spec.resources, []);
  let findings: SemanticFinding[] | undefined = pod === NONE ? undefined : [...pod];
  for (const { container, path } of containersOf(spec)) {
    const found = requestFindings(container.resources, path);
    if (found.length) (findings ??= []).push(...found);
  }
  return findings ?? NONE;
};

const POD_SPEC_RULES: PodSpecRule[] = [
  requestsWithinLimits,
  volumeMountsNameVolumes,
  uniqueVolumeNames,
  uniqueContainerNames,
  containerPortNames,
  resourceNames,
  envVarNames,
  envValueSources,
  oneHandler,
  restartPolicy,
];

function valueAt(object: KubeObject, path: Path): unknown {
  let node: unknown = object;
  for (const segment of path) node = record(node)?.[segment as string];
  return node;
}

export function checkPodSpec(object: KubeObject): SemanticFinding[] {
  const paths = POD_SPEC_PATHS[object.kind];
  const spec = paths ? record(valueAt(object, paths.spec)) : undefined;
  if (!paths || !spec) return NONE;
  const templates = paths.volumeTemplates ? list(valueAt(object, paths.volumeTemplates)) : NONE;
  const ownerVolumes = templates.map((t) => record(record(t)?.metadata)?.name).filter((name): name is string => typeof name === 'string');
  let findings: SemanticFinding[] | undefined;
  for (const rule of POD_SPEC_RULES) {
    const found = rule({ spec, ownerVolumes, restartPolicies: paths.restartPolicies });
    for (const finding of found) (findings ??= []).push({ ...finding, path: [...paths.spec, ...finding.path] });
  }
  return findings ?? NONE;
}
