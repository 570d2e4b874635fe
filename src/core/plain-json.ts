/**
 * A deep copy holding only JSON data: `undefined` members are dropped, values with a `toJSON()`
 * (value objects such as quantities, dates) are replaced by its result, as JSON.stringify would.
 * Synth works on this copy so patches never touch the props a user passed in.
 */
export function toPlainJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return toPlainJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = toPlainJson(value[i]);
      out[i] = item === undefined ? null : item;
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function') continue;
    out[key] = toPlainJson(item);
  }
  return out;
}
