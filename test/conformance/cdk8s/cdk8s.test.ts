import { afterAll, describe, expect, it } from 'vitest';
import { canonical, compareProgram, programs } from './compare-synth.js';

/**
 * Every program in programs/ is a cdk8s program (cdk8s core and cdk8s-plus-32), synthesized by
 * real cdk8s and by `kcc synth`: the same objects, with the same names and values (see
 * compare-synth.ts for how, and for the one normalised difference). Needs `npm run build`.
 */
const results: { program: string; matched: number; total: number }[] = [];

describe('kcc synth matches cdk8s synth', () => {
  afterAll(() => {
    const matched = results.reduce((sum, r) => sum + r.matched, 0);
    const total = results.reduce((sum, r) => sum + r.total, 0);
    const programsMatched = results.filter((r) => r.matched === r.total).length;
    console.log(`cdk8s conformance: ${programsMatched}/${results.length} programs identical, ${matched}/${total} objects the same (key and value)`);
  });

  it.each(programs())('%s', (program) => {
    const comparison = compareProgram(program);
    const total = new Set([...comparison.cdk8s.keys(), ...comparison.kcc.keys()]).size;
    const matched = total - comparison.onlyCdk8s.length - comparison.onlyKcc.length - comparison.different.length;
    results.push({ program, matched, total });
    expect(comparison.cdk8s.size).toBeGreaterThan(0);
    expect({ onlyCdk8s: comparison.onlyCdk8s, onlyKcc: comparison.onlyKcc }).toEqual({ onlyCdk8s: [], onlyKcc: [] });
    for (const key of comparison.different) expect(JSON.parse(canonical(comparison.kcc.get(key))), key).toEqual(JSON.parse(canonical(comparison.cdk8s.get(key))));
  });
});
