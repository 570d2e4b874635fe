/**
 * Chart values as Helm treats them: plain maps of YAML data, layered in a fixed precedence.
 *
 * Two operations, because Helm has two:
 * - `mergeValues` layers user input (environment values, `-f` files, `--set`): maps merge deeply,
 *   anything else (lists, scalars, null) replaces what was there. A null survives this step so that
 *   it can delete a chart default in the next one.
 * - `coalesceValues` lays user values over a chart's defaults: the same deep merge, except that a
 *   null from the user removes the default key entirely ("null deletes a default").
 */

export type Values = Record<string, unknown>;

export function isPlainMap(value: unknown): value is Values {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A deep copy of plain data (maps, lists, scalars); values never share structure between layers. */
export function cloneValues<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneValues) as T;
  if (isPlainMap(value)) {
    const copy: Values = {};
    for (const key of Object.keys(value)) copy[key] = cloneValues(value[key]);
    return copy as T;
  }
  return value;
}

/** `override` on top of `base`, returning a new map; maps merge, everything else replaces. */
export function mergeValues(base: Values, override: Values): Values {
  const result: Values = cloneValues(base);
  for (const key of Object.keys(override)) {
    const next = override[key];
    const current = result[key];
    result[key] = isPlainMap(current) && isPlainMap(next) ? mergeValues(current, next) : cloneValues(next);
  }
  return result;
}

/** User values over chart defaults; a user null deletes the default, nulls never reach templates. */
export function coalesceValues(user: Values, defaults: Values): Values {
  const result: Values = {};
  for (const key of Object.keys(defaults)) {
    if (key in user) continue;
    const value = defaults[key];
    if (value !== null) result[key] = cloneValues(value);
  }
  for (const key of Object.keys(user)) {
    const value = user[key];
    const fallback = defaults[key];
    if (value === null) continue;
    result[key] = isPlainMap(value) && isPlainMap(fallback) ? coalesceValues(value, fallback) : cloneValues(value);
  }
  return result;
}

/** Reads "a.b.c" from values; undefined when any step is missing or not a map. */
export function getValuePath(values: Values, path: string): unknown {
  let current: unknown = values;
  for (const segment of path.split('.')) {
    if (!isPlainMap(current) || !(segment in current)) return undefined;
    current = current[segment];
  }
  return current;
}
