import { describeObject, formatLocation, objectKey, type KubeObject, type TrackedObject } from '../core/kube-object.js';
import { convertError } from './ajv-errors.js';
import { builtinValidator } from './builtin-validators.js';
import { bundledCustomKind } from './bundled-crds.js';
import { findRemovedApi } from './api-lifecycle.js';
import { customKindsOf, type CustomKind } from './crd-schema.js';
import { findDeprecatedFields } from './deprecated-fields.js';
import { formatPath, IssueReporter } from './issue-reporter.js';
import { withoutNullFields } from './null-fields.js';
import { removedHint, removedMessage } from './removed-api-issue.js';
import { apiVersionsServing, findSchemaEntry, loadKindSchema, type JsonSchema } from './schema-store.js';
import { validatorFor } from './schema-validator.js';
import { checkSemantics } from './semantic-rules.js';
import { reportUnknownKind } from './unknown-kind.js';
import type { ValidationIssue } from './validation-issue.js';

const CRD_API_VERSION = 'apiextensions.k8s.io/v1';
const NONE: string[] = [];

export interface ValidateOptions {
  /**
   * CustomResourceDefinitions from elsewhere (`kcc validate --crds DIR`, a cluster): their kinds
   * are validated like the CRDs of the input, which take precedence over them.
   */
  crds?: KubeObject[];
}

/**
 * Validates objects as the API server would on create with strict field validation: against the
 * generated schema of their kind (or the openAPIV3Schema of a CRD in the input, given in
 * options.crds, or bundled with kcc), reporting every problem with the object, field path, source
 * location and a fix when one is known. Unknown kinds outside the built-in groups are warnings:
 * they may be defined by a CRD elsewhere.
 */
export function validateObjects(objects: TrackedObject[], options: ValidateOptions = {}): ValidationIssue[] {
  const custom = new Map<string, CustomKind>();
  const define = (object: KubeObject | undefined): void => {
    if (object?.apiVersion === CRD_API_VERSION && object.kind === 'CustomResourceDefinition') {
      for (const kind of customKindsOf(object)) custom.set(`${kind.apiVersion}/${kind.kind}`, kind);
    }
  };
  for (const crd of options.crds ?? []) define(crd);
  for (const { object } of objects) define(object);
  const issues: ValidationIssue[] = [];
  for (const tracked of objects) {
    const found = validateOne(tracked, custom);
    if (found.length) issues.push(...found);
  }
  issues.push(...findDuplicates(objects));
  return issues;
}

/** The same object twice in one input: applying it would silently keep only the last copy. */
function findDuplicates(objects: TrackedObject[]): ValidationIssue[] {
  const first = new Map<string, TrackedObject>();
  const issues: ValidationIssue[] = [];
  for (const tracked of objects) {
    const { object } = tracked;
    if (typeof object?.kind !== 'string' || typeof object.apiVersion !== 'string' || !object.metadata?.name) continue;
    const key = objectKey(object);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, tracked);
      continue;
    }
    issues.push({
      severity: 'warning',
      code: 'duplicate-object',
      message: `defined twice (first at ${formatLocation(earlier.source)}); only the last definition would be applied`,
      object: describeObject(object),
      location: tracked.source,
      hint: 'remove one of the two, or give them different names',
    });
  }
  return issues;
}

/** What validating one built-in apiVersion/kind needs, looked up once per kind, not per object. */
interface BuiltinKind {
  removed: ReturnType<typeof findRemovedApi>;
  schema: JsonSchema | undefined;
  validate: ReturnType<typeof validatorFor> | undefined;
  /** A kind the API server does not serve but kcc ships the CRD of (bundled-crds.ts). */
  bundled: CustomKind | undefined;
}

// apiVersion -> kind -> entry: no key string built per object.
const builtinKinds = new Map<string, Map<string, BuiltinKind>>();

function builtinKind(apiVersion: string, kind: string): BuiltinKind {
  let kinds = builtinKinds.get(apiVersion);
  if (!kinds) builtinKinds.set(apiVersion, (kinds = new Map()));
  let entry = kinds.get(kind);
  if (!entry) {
    const removed = findRemovedApi(apiVersion, kind);
    const found = !removed && findSchemaEntry(apiVersion, kind) ? loadKindSchema(apiVersion, kind) : undefined;
    const key = `${apiVersion}/${kind}`;
    const validate = found ? (builtinValidator(key) ?? validatorFor(key, () => found, { sharedDefinitions: true })) : undefined;
    const bundled = removed || found ? undefined : bundledCustomKind(apiVersion, kind);
    entry = { removed, schema: found, validate, bundled };
    kinds.set(kind, entry);
  }
  return entry;
}

type Validator = Exclude<ReturnType<typeof validatorFor>, Error>;

/**
 * Runs the schema validator the way the API server decodes: a null member counts as absent.
 * Objects rarely hold one, so the object is validated as it is first; only a failing object with
 * a null member is validated again without them, and that result stands. (The two orders differ
 * only for a null in an untyped field that is also required: a case no built-in kind has.)
 */
function runValidator(validate: Validator, object: unknown): boolean {
  if (validate(object)) return true;
  const stripped = withoutNullFields(object);
  return stripped === object ? false : validate(stripped);
}

function validateOne(tracked: TrackedObject, custom: Map<string, CustomKind>): ValidationIssue[] {
  const { object } = tracked;
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

  const defined = custom.size ? custom.get(`${apiVersion}/${kind}`) : undefined;
  const builtin = defined ? undefined : builtinKind(apiVersion, kind);
  const customKind = defined ?? builtin!.bundled;
  const removed = customKind ? findRemovedApi(apiVersion, kind) : builtin!.removed;
  if (removed) {
    report.add('removed-api', ['apiVersion'], removedMessage(removed, kind), { hint: removedHint(removed, object) });
    return report.issues;
  }

  let schema: JsonSchema | undefined;
  let validate: ReturnType<typeof validatorFor>;
  if (customKind) {
    schema = customKind.schema;
    // In memory by kind: a CRD of the input and the bundled one may differ.
    const prefix = defined ? 'crd' : 'bundled-crd';
    validate = validatorFor(`${prefix}:${apiVersion}/${kind}`, () => customKind.schema, { sharedDefinitions: false });
  } else {
    schema = builtin!.schema;
    validate = builtin!.validate!;
  }
  if (!schema) {
    reportUnknownKind(report, apiVersion, kind);
    return report.issues;
  }
  if (validate instanceof Error) {
    report.add('invalid-value', [], `the schema of ${kind} from CustomResourceDefinition ${customKind?.crdName} does not compile: ${validate.message}`, { severity: 'warning' });
    return report.issues;
  }
  if (!runValidator(validate, object)) {
    for (const error of validate.errors ?? []) convertError(report, error, schema);
  }
  if (!customKind) {
    // A field the schema already rejected would only produce echoes here.
    const rejected = report.issues.length === 0 ? NONE : report.issues.map((issue) => issue.field ?? '');
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
