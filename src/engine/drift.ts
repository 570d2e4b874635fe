import type { KubeObject } from '../core/kube-object.js';

/**
 * Drift: fields kcc sets that the live object no longer holds (someone ran `kubectl scale`, edited
 * a ConfigMap, removed a label). Found without a request, from the objects the plan already
 * listed: every value of the desired object must be present in the live one. Fields kcc does not
 * set (defaults, other managers' fields, status) are not drift.
 *
 * The comparison forgives what the API server normalises on the way in, so a freshly applied
 * object never looks drifted: quantities ("0.5" and "500m"), Secret `stringData` (stored as
 * base64 `data`), and empty maps, lists and nulls (dropped or kept as absent). Anything it
 * cannot judge is a candidate only: the engine confirms drift with a server-side dry run before
 * writing or reporting it.
 */
export function findDrift(desired: KubeObject, live: KubeObject): string[] {
  const found: string[] = [];
  compare(comparable(desired), comparable(live), [], found);
  return found;
}

/** Secret stringData as the data the server stores, so both sides use one form. */
function comparable(object: KubeObject): Record<string, unknown> {
  if (object.kind !== 'Secret' || !object.stringData || typeof object.stringData !== 'object') return object as Record<string, unknown>;
  const data: Record<string, unknown> = { ...(object.data as Record<string, unknown> | undefined) };
  for (const [key, value] of Object.entries(object.stringData as Record<string, unknown>)) {
    if (value !== null && value !== undefined) data[key] = Buffer.from(String(value)).toString('base64');
  }
  const { stringData: _stringData, ...rest } = object as Record<string, unknown>;
  return { ...rest, data };
}

function compare(want: unknown, have: unknown, path: string[], found: string[]): void {
  if (isEmpty(want)) return;
  if (Array.isArray(want)) {
    if (!Array.isArray(have) || have.length !== want.length) {
      found.push(formatPath(path));
      return;
    }
    want.forEach((item, i) => compare(item, have[i], [...path, String(i)], found));
    return;
  }
  if (typeof want === 'object') {
    if (!have || typeof have !== 'object' || Array.isArray(have)) {
      found.push(formatPath(path));
      return;
    }
    for (const [key, value] of Object.entries(want as Record<string, unknown>)) compare(value, (have as Record<string, unknown>)[key], [...path, key], found);
    return;
  }
  if (!sameScalar(want, have, path)) found.push(formatPath(path));
}

/** null, {} and []: the server drops or keeps these as it likes; none of them sets anything. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

// Where the API holds resource.Quantity values (container resources, quotas, limit ranges,
// volume sizes): the server rewrites these to canonical form; elsewhere "1.0" and "1" differ.
const QUANTITY_PARENTS = new Set(['limits', 'requests', 'hard', 'capacity', 'storage', 'sizeLimit', 'min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio', 'overhead', 'podFixed']);

function sameScalar(want: unknown, have: unknown, path: string[]): boolean {
  if (want === have) return true;
  if (!path.some((p) => QUANTITY_PARENTS.has(p))) return false;
  const a = quantityValue(want);
  const b = quantityValue(have);
  return a !== undefined && b !== undefined && Math.abs(a - b) <= Math.abs(a) * 1e-12;
}

const SUFFIXES: Record<string, number> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity ("500m", "1Gi", "1e3", 2) as a number; undefined for anything else. */
export function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/.exec(value);
  if (!match) return undefined;
  const base = Number(match[1] + (match[2] ?? ''));
  return base * (SUFFIXES[match[3] ?? ''] ?? 1);
}

function formatPath(path: string[]): string {
  return path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p)).join('') || '(object)';
}
