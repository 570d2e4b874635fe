import { cloneValues, isPlainMap, mergeValues, type Values } from '../values.js';
import { isEmpty } from './values-semantics.js';

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
}

function asMap(value: unknown): Values {
  return isPlainMap(value) ? value : {};
}

/**
 * Sprig's list and dict helpers. Maps are plain objects; `set`/`unset` change the map in place
 * as in Sprig, everything else returns a new value.
 */
export const collectionHelpers: Record<string, (...args: any[]) => unknown> = {
  list: (...items: unknown[]) => items,
  dict: (...pairs: unknown[]) => {
    const map: Values = {};
    for (let index = 0; index + 1 < pairs.length; index += 2) map[String(pairs[index])] = pairs[index + 1];
    return map;
  },
  get: (map: unknown, key: string) => asMap(map)[key] ?? '',
  set: (map: Values, key: string, value: unknown) => {
    map[key] = value;
    return map;
  },
  unset: (map: Values, key: string) => {
    delete map[key];
    return map;
  },
  hasKey: (map: unknown, key: string) => Object.prototype.hasOwnProperty.call(asMap(map), key),
  keys: (...maps: unknown[]) => maps.flatMap((map) => Object.keys(asMap(map))).sort(),
  values: (map: unknown) => Object.values(asMap(map)),
  pick: (map: unknown, ...keys: string[]) => Object.fromEntries(Object.entries(asMap(map)).filter(([key]) => keys.includes(key))),
  omit: (map: unknown, ...keys: string[]) => Object.fromEntries(Object.entries(asMap(map)).filter(([key]) => !keys.includes(key))),
  /** Sprig merge: the first map wins; later maps only fill in what it lacks. */
  merge: (...maps: unknown[]) => maps.map(asMap).reduceRight((acc: Values, map) => mergeValues(acc, map), {}),
  /** Sprig mergeOverwrite: later maps win. */
  mergeOverwrite: (...maps: unknown[]) => maps.map(asMap).reduce((acc: Values, map) => mergeValues(acc, map), {}),
  deepCopy: (value: unknown) => cloneValues(value),
  first: (list: unknown) => asList(list)[0] ?? null,
  last: (list: unknown) => asList(list).at(-1) ?? null,
  rest: (list: unknown) => asList(list).slice(1),
  initial: (list: unknown) => asList(list).slice(0, -1),
  append: (list: unknown, item: unknown) => [...asList(list), item],
  prepend: (list: unknown, item: unknown) => [item, ...asList(list)],
  concat: (...lists: unknown[]) => lists.flatMap(asList),
  has: (needle: unknown, list: unknown) => asList(list).some((item) => item === needle),
  without: (list: unknown, ...drop: unknown[]) => asList(list).filter((item) => !drop.includes(item)),
  uniq: (list: unknown) => [...new Set(asList(list))],
  compact: (list: unknown) => asList(list).filter((item) => !isEmpty(item)),
  reverse: (list: unknown) => [...asList(list)].reverse(),
  sortAlpha: (list: unknown) => asList(list).map(String).sort(),
  len: (value: unknown) => (typeof value === 'string' || Array.isArray(value) ? value.length : isPlainMap(value) ? Object.keys(value).length : 0),
  until: (count: number) => Array.from({ length: Math.max(0, count) }, (_v, index) => index),
  untilStep: (start: number, stop: number, step: number) => {
    const out: number[] = [];
    if (step > 0) for (let n = start; n < stop; n += step) out.push(n);
    if (step < 0) for (let n = start; n > stop; n += step) out.push(n);
    return out;
  },
};
