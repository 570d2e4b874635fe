import type { KubeObject } from '../core/kube-object.js';
import { storedSecretData } from './mask-secrets.js';

/** A field the API server refuses to change once the object exists, and why. */
export interface ImmutableField {
  path: string[];
  why: string;
  /**
   * Compare exactly (selectors, roleRefs: dropping a key is a change). Otherwise the desired value
   * only has to be contained in the live one, which the server has filled with defaults.
   */
  exact?: boolean;
  /**
   * The value the server fills in when the field is left out, on either side.
   * @default none: a field the configuration leaves out is not compared
   */
  default?: unknown;
  /** Fixed only while the live object is marked `immutable: true` (ConfigMaps and Secrets). */
  whileImmutable?: boolean;
  /** The value is a map of entries (`data`): a change to a single entry names it (`data.password`). */
  entries?: boolean;
  /**
   * Reads the value to compare from an object.
   * @default the value at `path`
   */
  read?: (object: KubeObject) => unknown;
}

const selector: ImmutableField = {
  path: ['spec', 'selector'],
  why: 'a workload\'s selector decides which pods it owns, so it is fixed at creation',
  exact: true,
};

const sealed = 'the object is marked immutable, so its contents are fixed until it is deleted';
const sealedContents = (path: string[], read?: ImmutableField['read']): ImmutableField => ({
  path,
  why: sealed,
  exact: true,
  default: {},
  whileImmutable: true,
  entries: true,
  read,
});
const staysImmutable: ImmutableField = {
  path: ['immutable'],
  why: 'an object marked immutable cannot be made mutable again',
  exact: true,
  default: false,
  whileImmutable: true,
};

/**
 * Immutable fields per kind, from the API validation code (apps/validation, batch/validation,
 * core/validation). Checked at plan time so the user learns before anything is written, with
 * `--force-replace` (delete and recreate) as the way through.
 */
export const IMMUTABLE_FIELDS: Record<string, ImmutableField[]> = {
  Deployment: [selector],
  ReplicaSet: [selector],
  DaemonSet: [selector],
  StatefulSet: [
    selector,
    { path: ['spec', 'serviceName'], why: 'a StatefulSet\'s governing service is fixed at creation' },
    { path: ['spec', 'volumeClaimTemplates'], why: 'volume claim templates are fixed at creation (existing claims would not follow)' },
    { path: ['spec', 'podManagementPolicy'], why: 'the pod management policy is fixed at creation' },
  ],
  Job: [
    { path: ['spec', 'template'], why: 'a Job\'s pod template is fixed once the Job exists' },
    { path: ['spec', 'selector'], why: 'a Job\'s selector is fixed once the Job exists' },
  ],
  PersistentVolumeClaim: [
    { path: ['spec', 'accessModes'], why: 'a bound claim\'s access modes cannot change', exact: true },
    { path: ['spec', 'storageClassName'], why: 'a claim\'s storage class cannot change' },
    { path: ['spec', 'volumeMode'], why: 'a claim\'s volume mode cannot change' },
    { path: ['spec', 'selector'], why: 'a claim\'s selector cannot change', exact: true },
    { path: ['spec', 'dataSource'], why: 'a claim\'s data source cannot change' },
  ],
  Service: [{ path: ['spec', 'clusterIP'], why: 'a Service\'s cluster IP is allocated once; changing it needs a new Service' }],
  RoleBinding: [{ path: ['roleRef'], why: 'a binding\'s roleRef cannot change (it would silently re-grant different permissions)', exact: true }],
  ClusterRoleBinding: [{ path: ['roleRef'], why: 'a binding\'s roleRef cannot change (it would silently re-grant different permissions)', exact: true }],
  ConfigMap: [sealedContents(['data']), sealedContents(['binaryData']), staysImmutable],
  Secret: [
    { path: ['type'], why: 'a Secret\'s type is fixed at creation', default: 'Opaque' },
    // stringData is write-only: the server merges it into data, so compare what it would store.
    sealedContents(['data'], storedSecretData),
    staysImmutable,
  ],
};

/** One immutable field that the configuration wants changed. */
export interface ImmutableChange {
  field: string;
  why: string;
}

/**
 * Fields the desired object sets differently from the live one. "Differently" means the desired
 * value is not contained in the live value: the server fills defaults and generated labels into
 * live objects (a Job's template gains controller-uid), and those are not changes. A field's
 * `default` stands in for it where it is left out.
 */
export function findImmutableChanges(desired: KubeObject, live: KubeObject): ImmutableChange[] {
  const sealedLive = live.immutable === true;
  const changes: ImmutableChange[] = [];
  for (const field of IMMUTABLE_FIELDS[desired.kind] ?? []) {
    if (field.whileImmutable && !sealedLive) continue;
    const read = field.read ?? ((object: KubeObject) => at(object, field.path));
    const want = read(desired) ?? field.default;
    if (want === undefined) continue;
    const have = read(live) ?? field.default;
    if (isSame(want, have, field.exact)) continue;
    const name = field.path.join('.');
    const entry = field.entries ? soleDifferingKey(want, have) : undefined;
    changes.push({ field: entry === undefined ? name : `${name}.${entry}`, why: field.why });
  }
  return changes;
}

function isSame(want: unknown, have: unknown, exact = false): boolean {
  return isContainedIn(want, have) && (!exact || isContainedIn(have, want));
}

/** The one key whose value differs between two maps, if exactly one does. */
function soleDifferingKey(want: unknown, have: unknown): string | undefined {
  if (!isMap(want) || !isMap(have)) return undefined;
  const keys = new Set([...Object.keys(want), ...Object.keys(have)]);
  const differing = [...keys].filter((key) => !isSame(want[key], have[key], true));
  return differing.length === 1 ? differing[0] : undefined;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function at(value: unknown, path: string[]): unknown {
  let current: any = value;
  for (const key of path) current = current?.[key];
  return current;
}

/** Every field of `want` is present with the same value in `have`; arrays must match element by element. */
export function isContainedIn(want: unknown, have: unknown): boolean {
  if (want === null || typeof want !== 'object') return want === have;
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((item, i) => isContainedIn(item, have[i]));
  if (!have || typeof have !== 'object' || Array.isArray(have)) return false;
  const haveFields = have as Record<string, unknown>;
  return Object.entries(want).every(([key, value]) => value === undefined || isContainedIn(value, haveFields[key]));
}
