/**
 * Go-template notions the helpers share, so that charts ported from Helm behave the same way.
 */

/** Sprig's "empty": null/undefined, false, 0, "", and empty lists and maps. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

/** How Go prints a value with %v: what a template writes for a non-string. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The argument list a helper really received: Handlebars appends an options hash to every call. */
export function positional(args: unknown[]): unknown[] {
  return args.slice(0, -1);
}
