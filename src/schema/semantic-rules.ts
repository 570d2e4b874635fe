import type { KubeObject } from '../core/kube-object.js';

/** A problem the API server's validation finds beyond the schema's types. */
export interface SemanticFinding {
  path: (string | number)[];
  message: string;
  hint?: string;
  /** Point at this key of the map at `path` rather than at the value. */
  key?: string;
}

/** Returned when nothing is found; never modified. */
const NONE: SemanticFinding[] = [];
const NONE_EXPRESSIONS: Record<string, unknown>[] = [];
const METADATA_LABELS_PATH = ['metadata', 'labels'];
const TEMPLATE_LABELS_PATH = ['spec', 'template', 'metadata', 'labels'];

type Rule = { kinds: string[] | '*'; check: (object: KubeObject) => SemanticFinding[] };

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Which name format each kind's metadata.name must have (apimachinery's validation). */
type NameFormat = 'label' | 'dns1035' | 'path-segment' | 'subdomain';
const NAME_FORMATS: { kinds: string[]; format: NameFormat }[] = [
  { kinds: ['Namespace'], format: 'label' },
  { kinds: ['Service'], format: 'dns1035' },
  { kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'CertificateSigningRequest'], format: 'path-segment' },
];

const nameFormats = new Map<string, NameFormat>();

function nameFormatOf(kind: string): NameFormat {
  let format = nameFormats.get(kind);
  if (format === undefined) {
    format = NAME_FORMATS.find((f) => f.kinds.includes(kind))?.format ?? 'subdomain';
    nameFormats.set(kind, format);
  }
  return format;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function checkName(kind: string, name: unknown): SemanticFinding[] {
  if (typeof name !== 'string' || name === '') return NONE;
  const format = nameFormatOf(kind);
  // Only for the hint of a bad name.
  const lower = (): string => name.toLowerCase().replace(/[^-a-z0-9.]/g, '-');
  if (format === 'path-segment') {
    return name === '.' || name === '..' || /[/%]/.test(name) ? [{ path: ['metadata', 'name'], message: `name "${name}" may not be "." or ".." or contain "/" or "%"` }] : NONE;
  }
  if (format === 'label' && (!DNS1123_LABEL.test(name) || name.length > 63)) {
    return [{ path: ['metadata', 'name'], message: `${kind} name "${name}" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`, hint: `for example "${lower().replace(/\./g, '-')}"` }];
  }
  if (format === 'dns1035' && (!DNS1035_LABEL.test(name) || name.length > 63)) {
    return [{ path: ['metadata', 'name'], message: `Service name "${name}" must be a DNS-1035 label: at most 63 lowercase letters, digits and "-", starting with a letter`, hint: 'Service names become DNS names (<name>.<namespace>.svc.cluster.local)' }];
  }
  if (format === 'subdomain' && (!DNS1123_SUBDOMAIN.test(name) || name.length > 253)) {
    return [{ path: ['metadata', 'name'], message: `name "${name}" must be lowercase letters, digits, "-" and ".", starting and ending with a letter or digit`, hint: `for example "${lower()}"` }];
  }
  return NONE;
}

// Label keys repeat across every object of a render: their verdicts are remembered.
const labelKeyVerdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;

function remembered(verdicts: Map<string, boolean>, text: string, check: (text: string) => boolean): boolean {
  if (text.length > 253) return check(text);
  let verdict = verdicts.get(text);
  if (verdict === undefined) {
    verdict = check(text);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(text, verdict);
  }
  return verdict;
}

function isValidLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  return !((prefix !== undefined && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) || !LABEL_NAME.test(name) || name.length > 63);
}

function isValidLabelValue(value: string): boolean {
  return LABEL_NAME.test(value) && value.length <= 63;
}

function checkLabels(labels: unknown, path: (string | number)[]): SemanticFinding[] {
  const map = record(labels);
  if (!map) return NONE;
  // Runs for every object, most often finding nothing: no allocation on that path.
  let findings: SemanticFinding[] | undefined;
  for (const key in map) {
    const value = map[key];
    if (!remembered(labelKeyVerdicts, key, isValidLabelKey)) {
      (findings ??= []).push({ path, key, message: `label key "${key}" is not valid`, hint: 'a label key is an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit' });
    }
    // Values are often unique (names, versions): a direct check is cheaper than remembering them.
    if (typeof value === 'string' && value !== '' && !isValidLabelValue(value)) {
      (findings ??= []).push({ path: [...path, key], message: `label value "${value}" is not valid`, hint: 'a label value is at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (use an annotation for free text)' });
    }
  }
  return findings ?? NONE;
}

/** The workload's pod template must carry the labels its selector asks for, or the API server refuses it. */
function checkSelectorMatchesTemplate(object: KubeObject): SemanticFinding[] {
  const spec = record(object.spec);
  const selector = record(spec?.selector);
  if (!spec || !selector) return NONE;
  const labels = record(record(record(spec.template)?.metadata)?.labels) ?? {};
  const isLabelSelector = object.apiVersion !== 'v1';
  const matchLabels = record(isLabelSelector ? selector.matchLabels : selector);
  let missing: string[] | undefined;
  for (const key in matchLabels) {
    const value = matchLabels[key];
    if (labels[key] !== value) (missing ??= []).push(`${key}: ${String(value)}`);
  }
  const expressions = isLabelSelector && Array.isArray(selector.matchExpressions) ? (selector.matchExpressions as Record<string, unknown>[]) : NONE_EXPRESSIONS;
  for (const expression of expressions) {
    const key = String(expression.key);
    const values = Array.isArray(expression.values) ? expression.values.map(String) : [];
    const has = key in labels;
    const ok = { In: has && values.includes(String(labels[key])), NotIn: !has || !values.includes(String(labels[key])), Exists: has, DoesNotExist: !has }[String(expression.operator)];
    if (ok === false) (missing ??= []).push(`${key} ${String(expression.operator)}${values.length ? ` (${values.join(', ')})` : ''}`);
  }
  if (!missing) return NONE;
  return [{ path: ['spec', 'template', 'metadata', 'labels'], message: `the pod template's labels do not match spec.selector (${missing.join('; ')})`, hint: 'give spec.template.metadata.labels every label spec.selector requires, with the same values' }];
}

function checkWorkload(object: KubeObject): SemanticFinding[] {
  const selector = checkSelectorMatchesTemplate(object);
  const labels = checkLabels(record(record(record(object.spec)?.template)?.metadata)?.labels, TEMPLATE_LABELS_PATH);
  if (labels === NONE) return selector;
  return selector === NONE ? labels : [...selector, ...labels];
}

function checkServicePorts(object: KubeObject): SemanticFinding[] {
  const spec = record(object.spec);
  const ports = Array.isArray(spec?.ports) ? (spec.ports as unknown[]) : NONE_EXPRESSIONS;
  const type = typeof spec?.type === 'string' ? spec.type : 'ClusterIP';
  let findings: SemanticFinding[] | undefined;
  for (let i = 0; i < ports.length; i++) {
    const port = record(ports[i]);
    if (!port) continue;
    // The API server reads nodePort 0 as unset, whatever the type.
    const nodePort = port.nodePort === 0 ? undefined : port.nodePort;
    if (typeof nodePort === 'number' && (type === 'ClusterIP' || type === 'ExternalName')) {
      (findings ??= []).push({ path: ['spec', 'ports', i, 'nodePort'], message: `nodePort may not be set when type is ${type}`, hint: 'set spec.type: NodePort (or LoadBalancer), or remove nodePort' });
    } else if (typeof nodePort === 'number' && (nodePort < 30000 || nodePort > 32767)) {
      (findings ??= []).push({ path: ['spec', 'ports', i, 'nodePort'], message: `nodePort ${nodePort} is outside the node port range 30000-32767`, hint: 'pick a port from 30000 to 32767, or leave nodePort out and let Kubernetes choose' });
    }
    for (const field of PORT_FIELDS) {
      const value = port[field];
      if (typeof value === 'number' && (value < 1 || value > 65535)) (findings ??= []).push({ path: ['spec', 'ports', i, field], message: `${field} ${value} must be between 1 and 65535` });
    }
  }
  return findings ?? NONE;
}

const PORT_FIELDS = ['port', 'targetPort'] as const;

/**
 * Checks the API server makes beyond the OpenAPI schema, as a table: name and label formats,
 * selectors that must match pod templates, Service port ranges.
 */
const RULES: Rule[] = [
  { kinds: '*', check: (o) => checkName(o.kind, record(o.metadata)?.name) },
  { kinds: '*', check: (o) => checkLabels(record(o.metadata)?.labels, METADATA_LABELS_PATH) },
  { kinds: ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController'], check: checkWorkload },
  { kinds: ['Service'], check: checkServicePorts },
];

export function checkSemantics(object: KubeObject): SemanticFinding[] {
  // Runs once per validated object: a plain loop, no intermediate arrays.
  let findings: SemanticFinding[] | undefined;
  for (const rule of RULES) {
    if (rule.kinds !== '*' && !rule.kinds.includes(object.kind)) continue;
    const found = rule.check(object);
    if (found.length === 0) continue;
    if (findings) findings.push(...found);
    else findings = found.slice();
  }
  return findings ?? NONE;
}
