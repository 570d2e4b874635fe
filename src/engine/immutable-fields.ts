import type { KubeObject } from '../core/kube-object.js';

/** A field the API server refuses to change once the object exists, and why. */
export interface ImmutableField {
  path: string[];
  why: string;
  /**
   * Compare exactly (selectors, roleRefs: dropping a key is a change). Otherwise the desired value
   * only has to be contained in the live one, which the server has filled with defaults.
   */
  exact?: boolean;
}

const selector: ImmutableField = { path: ['spec', 'selector'], why: 'a workload\'s selector decides which pods it owns, so it is fixed at creation', exact: true };

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
};

/** One immutable field that the configuration wants changed. */
export interface ImmutableChange {
  field: string;
  why: string;
}

/**
 * Fields the desired object sets differently from the live one. "Differently" means the desired
 * value is not contained in the live value: the server fills defaults and generated labels into
 * live objects (a Job's template gains controller-uid), and those are not changes.
 */
export function findImmutableChanges(desired: KubeObject, live: KubeObject): ImmutableChange[] {
  const changes: ImmutableChange[] = [];
  for (const field of IMMUTABLE_FIELDS[desired.kind] ?? []) {
    const want = at(desired, field.path);
    if (want === undefined) continue;
    const have = at(live, field.path);
    const same = field.exact ? isContainedIn(want, have) && isContainedIn(have, want) : isContainedIn(want, have);
    if (!same) changes.push({ field: field.path.join('.'), why: field.why });
  }
  if ((desired.kind === 'ConfigMap' || desired.kind === 'Secret') && (live as any).immutable === true) {
    for (const key of ['data', 'binaryData', 'stringData'] as const) {
      if (desired[key] !== undefined && key !== 'stringData' && !isContainedIn(desired[key], live[key])) {
        changes.push({ field: key, why: `this ${desired.kind} is marked immutable: its contents cannot change` });
      }
    }
  }
  return changes;
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
  return Object.entries(want as Record<string, unknown>).every(([key, value]) => value === undefined || isContainedIn(value, (have as Record<string, unknown>)[key]));
}
