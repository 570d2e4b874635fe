/**
 * Where two parsed documents first differ, for conformance reports ("/spec/replicas (3, want 2)"):
 * keys in sorted order, so the same difference is always reported the same way.
 */
export function firstDifference(want: unknown, got: unknown, path: string): string | undefined {
  if (Array.isArray(want) && Array.isArray(got)) {
    if (want.length !== got.length) return `${path} (length ${got.length}, want ${want.length})`;
    for (let i = 0; i < want.length; i++) {
      const found = firstDifference(want[i], got[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isObject(want) && isObject(got)) {
    const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
    for (const key of [...keys].sort()) {
      if (!(key in got)) return `${path}/${key} (missing)`;
      if (!(key in want)) return `${path}/${key} (extra)`;
      const found = firstDifference(want[key], got[key], `${path}/${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(want, got) ? undefined : `${path} (${JSON.stringify(got)?.slice(0, 80)}, want ${JSON.stringify(want)?.slice(0, 80)})`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
