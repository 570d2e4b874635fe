import type { SchemaNode } from './merge-schema.js';

/**
 * Strategic merge patch with the semantics of `kustomize build` (kyaml's merge), which kcc must
 * reproduce object for object:
 *
 * - maps merge field by field; `field: null` deletes; `$patch: delete` removes the map and
 *   `$patch: replace` swaps it for the patch;
 * - a list merges by key when the schema gives it x-kubernetes-patch-strategy: merge, keyed by
 *   x-kubernetes-list-map-keys (or patch-merge-key); lists the schema does not describe (custom
 *   resources without a CRD in the input) are replaced, as kustomize does. Merged lists
 *   put the patch's elements first, then the elements only the target had. `- $patch: replace`
 *   replaces the list, an element with `$patch: delete` removes its match; every other list
 *   (tolerations, args, command) is atomic;
 * - CRDs in the input use their schema's x-kubernetes-list-type / list-map-keys.
 *
 * kcc also honours `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>`
 * (kubectl's directives); kustomize leaves them in its output.
 */
export const DELETE = Symbol('delete');
type Merged = unknown | typeof DELETE;

export function strategicMerge(target: unknown, patch: unknown, schema: SchemaNode | undefined): Merged {
  return mergeValue(target, patch, schema);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValue(dest: unknown, patch: unknown, schema: SchemaNode | undefined): Merged {
  if (patch === null) return DELETE;
  if (Array.isArray(patch)) return mergeList(dest, patch, schema);
  if (isMap(patch)) return mergeMap(dest, patch, schema);
  return patch;
}

function mergeMap(dest: unknown, patch: Record<string, unknown>, schema: SchemaNode | undefined): Merged {
  const directive = patch.$patch;
  if (directive === 'delete') return DELETE;
  if (directive === 'replace' || !isMap(dest)) return clean(patch);
  const result: Record<string, unknown> = { ...dest };
  const orders: [string, unknown[]][] = [];
  const removals: [string, unknown[]][] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith('$setElementOrder/')) {
      if (Array.isArray(value)) orders.push([key.slice('$setElementOrder/'.length), value]);
      continue;
    }
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      if (Array.isArray(value)) removals.push([key.slice('$deleteFromPrimitiveList/'.length), value]);
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const merged = mergeValue(dest[key], value, schema?.field(key));
    if (merged === DELETE) delete result[key];
    else result[key] = merged;
  }
  for (const [field, values] of removals) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = list.filter((item) => !values.some((v) => String(v) === String(item)));
  }
  for (const [field, order] of orders) {
    const list = result[field];
    if (Array.isArray(list)) result[field] = applyElementOrder(list, order, schema?.field(field));
  }
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  }
  return result;
}

function mergeList(dest: unknown, patch: unknown[], schema: SchemaNode | undefined): Merged {
  let elements = patch;
  for (const element of patch) {
    if (!isMap(element) || Object.keys(element).length !== 1 || typeof element.$patch !== 'string') continue;
    if (element.$patch === 'delete') return DELETE;
    elements = patch.filter((item) => item !== element);
    if (element.$patch === 'replace') return clean(elements);
  }
  if (!Array.isArray(dest)) return clean(elements);
  const keys = mergeKeys(schema);
  if (!keys) return clean(elements);

  if (!keys.length) {
    // A set of scalars (finalizers): the patch's values first, then the target's others.
    const result = clean(elements) as unknown[];
    for (const item of dest) if (!result.some((r) => String(r) === String(item))) result.push(item);
    return result;
  }
  const itemSchema = schema?.items();
  const used = new Set<number>();
  const result: unknown[] = [];
  for (const element of elements) {
    if (!isMap(element)) {
      result.push(element);
      continue;
    }
    const index = findMatch(dest, element, keys, used);
    if (index !== -1) used.add(index);
    if (element.$patch === 'delete') continue;
    const merged = index === -1 ? clean(element) : mergeValue(dest[index], element, itemSchema);
    if (merged !== DELETE) result.push(merged);
  }
  dest.forEach((element, index) => {
    if (!used.has(index)) result.push(element);
  });
  return result;
}

/**
 * The keys a list merges by ([] for a set of scalars), or undefined when it is replaced whole.
 * The schema decides: only x-kubernetes-patch-strategy: merge (or, for CRDs, list-type map or
 * set) merges; anything the schema does not describe is replaced whole, as in kustomize.
 */
function mergeKeys(schema: SchemaNode | undefined): string[] | undefined {
  const listMerge = schema?.listMerge();
  return listMerge?.strategy === 'merge' ? listMerge.keys : undefined;
}

/**
 * Matches on the first key, and on each further key both sides set: a port written without its
 * protocol matches the target's port whatever its protocol.
 */
function findMatch(dest: unknown[], element: Record<string, unknown>, keys: string[], used: Set<number>): number {
  const set = (map: Record<string, unknown>, key: string): boolean => map[key] !== undefined && map[key] !== null && map[key] !== '';
  return dest.findIndex(
    (candidate, index) =>
      !used.has(index) &&
      isMap(candidate) &&
      keys.every((key, position) => (position > 0 && (!set(element, key) || !set(candidate, key))) || String(candidate[key] ?? '') === String(element[key] ?? '')),
  );
}

function applyElementOrder(list: unknown[], order: unknown[], schema: SchemaNode | undefined): unknown[] {
  const keys = schema?.listMerge()?.keys ?? [];
  const rank = (item: unknown): number =>
    order.findIndex((entry) => (isMap(entry) && isMap(item) && keys.length ? keys.every((k) => String(entry[k] ?? '') === String(item[k] ?? '')) : String(entry) === String(item)));
  const ranked = list.map((item, index) => ({ item, index, rank: rank(item) }));
  // Items the order does not mention keep their relative place after the ordered ones.
  ranked.sort((a, b) => (a.rank === -1 ? Infinity : a.rank) - (b.rank === -1 ? Infinity : b.rank) || a.index - b.index);
  return ranked.map((entry) => entry.item);
}

/** A patch value added where the target had nothing: directives and nulls removed. */
export function clean(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.filter((item) => !(isMap(item) && item.$patch === 'delete')).map(clean);
  }
  if (!isMap(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || key.startsWith('$')) continue;
    if (isMap(item) && item.$patch === 'delete') continue;
    result[key] = clean(item);
  }
  return result;
}
