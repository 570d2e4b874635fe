import type { KubeObject } from '../core/kube-object.js';

import { checkPodSpec, POD_SPEC_PATHS } from './pod-spec-rules.js';
import type { SemanticFinding } from './semantic-finding.js';
import { checkServicePorts } from './service-port-rules.js';
import { checkWorkloadSelector, SELECTOR_RULES } from './workload-selector-rules.js';

export type { SemanticFinding } from './semantic-finding.js';

/** Returned when nothing is found; never modified. */
const NONE: SemanticFinding[] = [];
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

function checkWorkload(object: KubeObject): SemanticFinding[] {
  const selector = checkWorkloadSelector(object);
  const labels = checkLabels(record(record(record(object.spec)?.template)?.metadata)?.labels, TEMPLATE_LABELS_PATH);
  if (labels === NONE) return selector;
  return selector === NONE ? labels : [...selector, ...labels];
}

/**
 * Checks the API server makes beyond the OpenAPI schema, as a table: name and label formats,
 * selectors that must match pod templates (workload-selector-rules.ts), the cross-field rules of a
 * pod spec (pod-spec-rules.ts), Service ports (service-port-rules.ts).
 */
/** A Deployment's rollingUpdate parameters mean nothing, and are refused, with the Recreate strategy. */
function checkDeploymentStrategy(object: KubeObject): SemanticFinding[] {
  const strategy = record(record(object.spec)?.strategy);
  if (strategy?.type !== 'Recreate' || strategy.rollingUpdate === undefined || strategy.rollingUpdate === null) return NONE;
  return [{ path: ['spec', 'strategy'], key: 'rollingUpdate', message: "rollingUpdate may not be set when the strategy type is 'Recreate'", hint: 'remove spec.strategy.rollingUpdate, or use type: RollingUpdate' }];
}

const RULES: Rule[] = [
  { kinds: '*', check: (o) => checkName(o.kind, record(o.metadata)?.name) },
  { kinds: '*', check: (o) => checkLabels(record(o.metadata)?.labels, METADATA_LABELS_PATH) },
  { kinds: Object.keys(SELECTOR_RULES), check: checkWorkload },
  { kinds: Object.keys(POD_SPEC_PATHS), check: checkPodSpec },
  { kinds: ['Service'], check: checkServicePorts },
  { kinds: ['Deployment'], check: checkDeploymentStrategy },
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
