/**
 * A Kubernetes quantity ("500m", "1.5Gi", "2e3", 4) as a number, for comparing two of them; undefined
 * when it is not one (the schema reports that). Accurate to far better than the 1e-9 relative
 * difference `compareQuantities` ignores.
 */
const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;

export function quantityValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (!match) return undefined;
  const base = Number(match[1]);
  return match[2] !== undefined ? base * 10 ** Number(match[2]) : base * SUFFIXES[match[3] ?? '']!;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, ignoring floating-point noise. */
export function compareQuantities(a: number, b: number): -1 | 0 | 1 {
  const tolerance = Math.max(Math.abs(a), Math.abs(b)) * 1e-9;
  if (Math.abs(a - b) <= tolerance) return 0;
  return a < b ? -1 : 1;
}
