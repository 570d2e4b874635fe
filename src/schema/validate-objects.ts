import { describeObject, groupOf, type KubeObject, type SourceLocation, type TrackedObject } from '../core/kube-object.js';
import { findRemovedApi, type RemovedApi } from './api-lifecycle.js';
import { customKindsOf, type CustomKind } from './crd-schema.js';
import { findDeprecatedFields } from './deprecated-fields.js';
import { checkSemantics } from './semantic-rules.js';
import { closestMatch } from './edit-distance.js';
import { didYouMean, enumHint, findFieldBelow, knownFieldFix, typeMismatchHint } from './fix-hints.js';
import { positionOf, sourceTextOf } from './node-positions.js';
import { apiVersionsServing, findSchemaEntry, isBuiltinGroup, kindsOfGroup, loadKindSchema, loadSchemaIndex, type JsonSchema } from './schema-store.js';
import { definitionNameOf, validatorFor, type ErrorObject } from './schema-validator.js';
import type { IssueCode, ValidationIssue } from './validation-issue.js';

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/**
 * Validates objects as the API server would on create with strict field validation: against the
 * generated schema of their kind (or the openAPIV3Schema of a CRD in the same input), reporting
 * every problem with the object, field path, source location and a fix when one is known.
 * Unknown kinds outside the built-in groups are warnings: they may be defined by a CRD elsewhere.
 */
export function validateObjects(objects: TrackedObject[]): ValidationIssue[] {
  const custom = new Map<string, CustomKind>();
  for (const { object } of objects) {
    if (object?.apiVersion === CRD_API_VERSION && object.kind === 'CustomResourceDefinition') {
      for (const kind of customKindsOf(object)) custom.set(`${kind.apiVersion}/${kind.kind}`, kind);
    }
  }
  const issues: ValidationIssue[] = [];
  for (const tracked of objects) issues.push(...validateOne(tracked, custom));
  return issues;
}

function validateOne(tracked: TrackedObject, custom: Map<string, CustomKind>): ValidationIssue[] {
  const { object, source } = tracked;
  const report = new IssueReporter(tracked);
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    report.add('not-an-object', [], 'not a Kubernetes object (a mapping with apiVersion, kind and metadata)');
    return report.issues;
  }
  const { apiVersion, kind } = object;
  if (typeof kind !== 'string' || kind === '') {
    report.add('missing-kind', ['kind'], 'missing required field "kind"', { hint: 'every object needs kind (Deployment, Service, ConfigMap...)', at: [] });
  }
  if (typeof apiVersion !== 'string' || apiVersion === '') {
    const suggestions = typeof kind === 'string' ? apiVersionsServing(kind) : [];
    report.add('missing-api-version', ['apiVersion'], 'missing required field "apiVersion"', {
      hint: suggestions.length ? `${kind} is served as apiVersion: ${suggestions[0]}` : 'every object needs apiVersion (v1, apps/v1...)',
      at: [],
    });
  }
  if (report.issues.length) return report.issues;

  const removed = findRemovedApi(apiVersion, kind);
  if (removed) {
    report.add('removed-api', ['apiVersion'], removedMessage(removed, kind), { hint: removedHint(removed, object) });
    return report.issues;
  }

  const key = `${apiVersion}/${kind}`;
  const customKind = custom.get(key);
  let schema: JsonSchema | undefined;
  if (customKind) schema = customKind.schema;
  else if (findSchemaEntry(apiVersion, kind)) schema = loadKindSchema(apiVersion, kind);
  if (!schema) {
    unknownKind(report, apiVersion, kind);
    return report.issues;
  }
  const validate = validatorFor(customKind ? `crd:${key}` : key, () => schema, { sharedDefinitions: !customKind });
  if (validate instanceof Error) {
    report.add('invalid-value', [], `the schema of ${kind} from CustomResourceDefinition ${customKind?.crdName} does not compile: ${validate.message}`, { severity: 'warning' });
    return report.issues;
  }
  if (!validate(object)) {
    for (const error of validate.errors ?? []) convertError(report, error, schema);
  }
  if (!customKind) {
    // A field the schema already rejected would only produce echoes here.
    const rejected = report.issues.map((issue) => issue.field ?? '');
    for (const finding of checkSemantics(object)) {
      const field = formatPath(finding.path);
      if (rejected.some((r) => r.startsWith(field) || field.startsWith(r))) continue;
      report.add('invalid-value', finding.key ? [...finding.path, finding.key] : finding.path, finding.message, { hint: finding.hint, at: finding.path, key: finding.key });
    }
    for (const use of findDeprecatedFields(object, schema)) {
      report.add('deprecated-field', use.path, 'deprecated field', { severity: 'warning', hint: use.advice || undefined, at: use.path.slice(0, -1), key: String(use.path.at(-1)) });
    }
  }
  const metadata = object.metadata as Record<string, unknown> | undefined;
  if (!metadata?.name && !metadata?.generateName && !report.issues.some((i) => i.field?.startsWith('metadata'))) {
    report.add('missing-field', ['metadata', 'name'], 'missing required field "metadata.name"', { hint: 'every object needs a name (or metadata.generateName)', at: metadata ? ['metadata'] : [] });
  }
  return report.issues;
}

/** Configuration files that look like objects but are read by tools, never sent to the API server. */
const CONFIG_FILES: { group: string; kind: string; what: string }[] = [
  { group: '', kind: 'Config', what: 'a kubeconfig file (clusters, users, contexts)' },
  { group: 'kubescheduler.config.k8s.io', kind: 'KubeSchedulerConfiguration', what: "a kube-scheduler configuration file (passed with the scheduler's --config)" },
  { group: 'kubelet.config.k8s.io', kind: 'KubeletConfiguration', what: 'a kubelet configuration file' },
  { group: 'kustomize.config.k8s.io', kind: 'Kustomization', what: 'a kustomization (build it with `kcc build` and validate the output)' },
  { group: 'kind.x-k8s.io', kind: 'Cluster', what: 'a kind cluster configuration' },
];

function unknownKind(report: IssueReporter, apiVersion: string, kind: string): void {
  const group = groupOf(apiVersion);
  const config = CONFIG_FILES.find((c) => c.group === group && c.kind === kind);
  if (config) {
    report.add('unknown-kind', ['kind'], `${config.what}, not an API object: not validated`, { severity: 'warning', hint: 'kcc validates objects that are applied to a cluster' });
    return;
  }
  const served = apiVersionsServing(kind);
  if (served.length) {
    report.add('unknown-api-version', ['apiVersion'], `${apiVersion} does not serve ${kind} in Kubernetes ${loadSchemaIndex().kubernetes}`, {
      hint: `use apiVersion: ${served[0]}${served.length > 1 ? ` (served: ${served.join(', ')})` : ''}`,
    });
    return;
  }
  if (isBuiltinGroup(group)) {
    const similar = closestMatch(kind, kindsOfGroup(group));
    report.add('unknown-kind', ['kind'], `${apiVersion} has no kind "${kind}"`, { hint: similar ? `did you mean "${similar}"?` : `kinds of this group: ${kindsOfGroup(group).join(', ')}` });
    return;
  }
  report.add('unknown-kind', ['kind'], `no schema for ${kind} (${apiVersion}): not validated`, {
    severity: 'warning',
    hint: 'a custom resource: include its CustomResourceDefinition in the input to validate it',
  });
}

function removedMessage(api: RemovedApi, kind: string): string {
  const since = `${api.apiVersion} ${kind} is no longer served (removed in Kubernetes ${api.removedIn})`;
  return api.replacement ? `${since}; use apiVersion: ${api.replacement}` : since;
}

function removedHint(api: RemovedApi, object: KubeObject): string | undefined {
  const moves = (api.fieldMoves ?? []).filter((move) => pathExists(object, move.path.split('.'))).map((move) => move.change);
  const unique = [...new Set(moves)];
  const parts = [...(api.replacement ? [`change apiVersion to ${api.replacement}`] : []), ...unique, ...(api.note ? [api.note] : [])];
  return parts.length ? parts.join('; ') : undefined;
}

function pathExists(value: unknown, segments: string[]): boolean {
  if (segments.length === 0) return value !== undefined;
  if (typeof value !== 'object' || value === null) return false;
  const [head, ...rest] = segments;
  if (head === '*') return Object.values(value).some((child) => pathExists(child, rest));
  return pathExists((value as Record<string, unknown>)[head!], rest);
}

/** Collects issues for one object, placing each at the YAML node it is about when known. */
class IssueReporter {
  readonly issues: ValidationIssue[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly tracked: TrackedObject) {}

  add(code: IssueCode, path: (string | number)[], message: string, options: { hint?: string; severity?: 'error' | 'warning'; at?: (string | number)[]; key?: string } = {}): void {
    const field = formatPath(path);
    const dedupe = `${code}|${field}|${message}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    const object = this.tracked.object;
    const label = object && typeof object === 'object' && typeof object.kind === 'string' ? describeObject(object) : undefined;
    this.issues.push({
      severity: options.severity ?? 'error',
      code,
      message,
      ...(label ? { object: label } : {}),
      ...(field ? { field } : {}),
      location: this.locate(options.at ?? path, options.key),
      ...(options.hint ? { hint: options.hint } : {}),
    });
  }

  /** How the value at `path` was written in YAML, for hints about YAML's own conversions. */
  sourceText(path: (string | number)[]): string | undefined {
    const object = this.tracked.object;
    return typeof object === 'object' && object !== null ? sourceTextOf(object, path) : undefined;
  }

  private locate(path: (string | number)[], key?: string): SourceLocation {
    const source = this.tracked.source;
    const position = typeof this.tracked.object === 'object' && this.tracked.object !== null ? positionOf(this.tracked.object, path, key) : undefined;
    return position ? { ...source, line: position.line, column: position.column } : source;
  }
}

/** ["spec", "containers", 0, "app.kubernetes.io/name"] -> spec.containers[0]["app.kubernetes.io/name"] */
export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}


function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  return typeof value === 'string' ? `string "${value.length > 40 ? value.slice(0, 40) + '…' : value}"` : `${typeof value} ${String(value)}`;
}

function convertError(report: IssueReporter, error: ErrorObject, root: JsonSchema): void {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const parent = (error.parentSchema ?? {}) as JsonSchema;
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      const parentName = definitionNameOf(parent);
      const original = parentName ? (root.$defs as Record<string, JsonSchema> | undefined)?.[parentName] : undefined;
      const below = findFieldBelow(root, original ?? parent, field);
      const hint =
        knownFieldFix(definitionNameOf(parent), field) ??
        didYouMean(field, allowed) ??
        (below ? `${field} belongs further down: ${formatPath(path)}${formatPath(path) ? '.' : ''}${below.replace(/\[\]/g, '[0]')}` : undefined) ??
        (allowed.length ? `allowed here: ${allowed.join(', ')}` : undefined);
      report.add('unknown-field', [...path, field], `unknown field "${field}"`, { hint, at: path, key: field });
      return;
    }
    case 'required': {
      const missing = String(params.missingProperty);
      report.add('missing-field', [...path, missing], `missing required field "${missing}"`, { at: path });
      return;
    }
    case 'type': {
      const expected = String(params.type).split(',');
      const hint = typeMismatchHint(expected, error.data, report.sourceText(path));
      report.add('wrong-type', path, `must be ${expected.join(' or ')}, not ${typeOf(error.data)}`, { hint });
      return;
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      report.add('invalid-value', path, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(error.data)}`, { hint: enumHint(error.data, allowed) });
      return;
    }
    case 'const': {
      report.add('invalid-value', path, `must be ${JSON.stringify(params.allowedValue)}`);
      return;
    }
    case 'pattern': {
      const parent = (error.parentSchema ?? {}) as JsonSchema;
      if (parent.format === 'quantity') {
        report.add('invalid-value', path, `${JSON.stringify(error.data)} is not a quantity`, { hint: 'write a number with an optional unit: 500m or 0.5 (CPU), 128Mi or 1Gi (memory, storage)' });
      } else {
        report.add('invalid-value', path, `${JSON.stringify(error.data)} must match ${String(params.pattern)}`);
      }
      return;
    }
    case 'format': {
      const format = String(params.format);
      const hint = format === 'byte' ? 'this field takes base64-encoded data (for a Secret, put plain text under stringData instead)' : format === 'date-time' ? 'use an RFC 3339 time such as 2024-01-31T12:00:00Z' : undefined;
      report.add('invalid-value', path, `must be a valid ${format === 'byte' ? 'base64 string' : format}`, { hint });
      return;
    }
    default:
      report.add('invalid-value', path, error.message ?? `fails ${error.keyword}`);
  }
}
