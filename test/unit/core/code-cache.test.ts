import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTemporaryCacheDir } from '../../helpers/temporary-cache-dir.js';
import { runCachedScript, saveCodeCaches } from '../../../src/core/code-cache.js';

// The built module (needs `npm run build`), for runs in processes of their own.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = '(function (n) { let total = 0; for (let i = 1; i <= n; i++) total += i; return total; })';

describe('V8 code cache for scripts kcc loads as text', () => {
  const cacheDir = useTemporaryCacheDir();

  it('runs the script, and keeps its code cache once the work is done', () => {
    const sum = runCachedScript(SOURCE, 'sum.js') as (n: number) => number;
    expect(sum(100)).toBe(5050);
    expect(() => readdirSync(join(cacheDir(), 'code'))).toThrow();
    saveCodeCaches();
    const files = readdirSync(join(cacheDir(), 'code'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(cacheDir(), 'code', files[0]!)).length).toBeGreaterThan(0);
    // With the cache present the script runs the same, and nothing is left to save.
    expect((runCachedScript(SOURCE, 'sum.js') as (n: number) => number)(10)).toBe(55);
    saveCodeCaches();
    expect(readdirSync(join(cacheDir(), 'code'))).toEqual(files);
  });

  it('ignores a damaged cache (V8 rejects it) and replaces it', () => {
    // Each run in its own process: within one, V8 reuses the script it compiled and never looks
    // at cached data again.
    const run = () =>
      execFileSync(process.execPath, ['--input-type=module', '-e', `const { runCachedScript, saveCodeCaches } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist/core/code-cache.js')).href)}); console.log(runCachedScript(${JSON.stringify(SOURCE)}, 'sum.js')(4)); saveCodeCaches();`], { env: { ...process.env, KCC_CACHE_DIR: cacheDir() }, encoding: 'utf8' }).trim();
    expect(run()).toBe('10');
    const file = join(cacheDir(), 'code', readdirSync(join(cacheDir(), 'code'))[0]!);
    const good = readFileSync(file).length;
    writeFileSync(file, 'not a code cache');
    expect(run()).toBe('10');
    expect(readFileSync(file).length).toBe(good);
  });

  it('keys the cache by the source: a changed script does not get the old one', () => {
    runCachedScript(SOURCE, 'sum.js');
    runCachedScript(SOURCE.replace('total += i', 'total += 2 * i'), 'sum.js');
    saveCodeCaches();
    expect(readdirSync(join(cacheDir(), 'code'))).toHaveLength(2);
  });
});
