import { posix } from 'node:path';
import { toText } from './values-semantics.js';

/** String helpers with Sprig's argument order: the piped value (the string) comes last. */
export const stringHelpers: Record<string, (...args: any[]) => unknown> = {
  lower: (value: unknown) => toText(value).toLowerCase(),
  // Sprig's path helpers, on "/"-separated paths (as in .Files).
  base: (value: unknown) => posix.basename(toText(value)),
  dir: (value: unknown) => posix.dirname(toText(value)),
  ext: (value: unknown) => posix.extname(toText(value)),
  upper: (value: unknown) => toText(value).toUpperCase(),
  title: (value: unknown) => toText(value).replace(/(^|[\s_-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase()),
  trim: (value: unknown) => toText(value).trim(),
  trimPrefix: (prefix: string, value: unknown) => {
    const text = toText(value);
    return text.startsWith(prefix) ? text.slice(prefix.length) : text;
  },
  trimSuffix: (suffix: string, value: unknown) => {
    const text = toText(value);
    return suffix && text.endsWith(suffix) ? text.slice(0, -suffix.length) : text;
  },
  /** Sprig trunc: a negative length keeps the end of the string instead of the start. */
  trunc: (length: number, value: unknown) => {
    const text = toText(value);
    if (length >= 0) return text.length > length ? text.slice(0, length) : text;
    return text.length > -length ? text.slice(text.length + length) : text;
  },
  replace: (search: string, replacement: string, value: unknown) => toText(value).split(toText(search)).join(toText(replacement)),
  contains: (needle: string, value: unknown) => toText(value).includes(toText(needle)),
  hasPrefix: (prefix: string, value: unknown) => toText(value).startsWith(toText(prefix)),
  hasSuffix: (suffix: string, value: unknown) => toText(value).endsWith(toText(suffix)),
  repeat: (count: number, value: unknown) => toText(value).repeat(Math.max(0, count)),
  substr: (start: number, end: number, value: unknown) => toText(value).slice(start, end < 0 ? undefined : end),
  /** Go's %q: a double-quoted string with escapes; nulls are skipped, several values are space-joined. */
  quote: (...values: unknown[]) => values.filter((v) => v !== null && v !== undefined).map((v) => JSON.stringify(toText(v))).join(' '),
  squote: (...values: unknown[]) => values.filter((v) => v !== null && v !== undefined).map((v) => `'${toText(v)}'`).join(' '),
  print: (...values: unknown[]) => values.map(toText).join(''),
  cat: (...values: unknown[]) => values.filter((v) => v !== null && v !== undefined).map(toText).join(' '),
  printf: (format: string, ...values: unknown[]) => printf(format, values),
  toString: (value: unknown) => toText(value),
  int: (value: unknown) => {
    const number = typeof value === 'number' ? value : Number.parseInt(toText(value), 10);
    return Number.isNaN(number) ? 0 : Math.trunc(number);
  },
  float64: (value: unknown) => {
    const number = typeof value === 'number' ? value : Number.parseFloat(toText(value));
    return Number.isNaN(number) ? 0 : number;
  },
  join: (separator: string, list: unknown) => (Array.isArray(list) ? list.map(toText).join(toText(separator)) : toText(list)),
  splitList: (separator: string, value: unknown) => toText(value).split(toText(separator)),
};

/** The printf verbs charts use: %s %v %d %q %f %%; anything else is printed as %v. */
function printf(format: string, values: unknown[]): string {
  let next = 0;
  return toText(format).replace(/%([-+ 0#]*\d*(?:\.\d+)?)([a-zA-Z%])/g, (_match, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const value = values[next++];
    switch (verb) {
      case 'q':
        return JSON.stringify(toText(value));
      case 'd':
        return String(Math.trunc(Number(value)));
      case 'f':
        return Number(value).toFixed(6);
      default:
        return toText(value);
    }
  });
}
