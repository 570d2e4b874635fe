import { isEmpty } from './values-semantics.js';

/** Loose equality as Go templates see it: numbers compare by value, everything else by ===. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a == null && b == null;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

function ordered(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Comparisons and boolean logic with Go template semantics: `eq a b c` is true when a equals any
 * of the others; `and` returns its first empty argument (or the last), `or` its first non-empty.
 */
export const logicHelpers: Record<string, (...args: any[]) => unknown> = {
  eq: (first: unknown, ...others: unknown[]) => others.some((other) => same(first, other)),
  ne: (a: unknown, b: unknown) => !same(a, b),
  lt: (a: unknown, b: unknown) => ordered(a, b) < 0,
  le: (a: unknown, b: unknown) => ordered(a, b) <= 0,
  gt: (a: unknown, b: unknown) => ordered(a, b) > 0,
  ge: (a: unknown, b: unknown) => ordered(a, b) >= 0,
  and: (...values: unknown[]) => values.find((value) => isEmpty(value)) ?? values[values.length - 1],
  or: (...values: unknown[]) => values.find((value) => !isEmpty(value)) ?? values[values.length - 1],
  not: (value: unknown) => isEmpty(value),
  empty: (value: unknown) => isEmpty(value),
  /** `default fallback value`: the fallback when the value is empty (Sprig semantics). */
  default: (fallback: unknown, value?: unknown) => (isEmpty(value) ? fallback : value),
  coalesce: (...values: unknown[]) => values.find((value) => !isEmpty(value)) ?? null,
  ternary: (whenTrue: unknown, whenFalse: unknown, condition: unknown) => (isEmpty(condition) ? whenFalse : whenTrue),
  kindIs: (kind: string, value: unknown) => kindOf(value) === kind,
  kindOf: (value: unknown) => kindOf(value),
};

/** Go's reflect kinds as Sprig's kindOf names them, for the shapes YAML values can take. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'invalid';
  if (Array.isArray(value)) return 'slice';
  if (typeof value === 'object') return 'map';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float64';
  return 'string';
}
