/**
 * The API server decodes a field set to null as if it were absent (Go's JSON decoding gives the
 * zero value), so `creationTimestamp: null` from `kubectl create --dry-run -o yaml`, or a key
 * left empty in YAML, is accepted. Validation sees the object the same way: null members of
 * mappings are dropped (a required one then reads as missing). Returns the same reference when
 * there is nothing to drop; nulls inside lists are kept, the server rejects those.
 */
export function withoutNullFields<T>(value: T): T {
  // Objects rarely hold a null member: check without allocating, copy only when there is one.
  return hasNullField(value) ? copyWithoutNullFields(value) : value;
}

function hasNullField(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) if (hasNullField(value[index])) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  // Inherited enumerable members (never on parsed data) could only make this say true wrongly,
  // which costs a copy that comes out equal: no own-property check needed.
  for (const key in record) {
    const item = record[key];
    if (item === null || hasNullField(item)) return true;
  }
  return false;
}

function copyWithoutNullFields<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = copyWithoutNullFields(item);
      if (next !== item) changed = true;
      return next;
    });
    return (changed ? items : value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const next = item === null ? undefined : copyWithoutNullFields(item);
    if (next !== item) {
      out ??= { ...(value as Record<string, unknown>) };
      if (next === undefined) delete out[key];
      else out[key] = next;
    }
  }
  return (out ?? value) as T;
}
