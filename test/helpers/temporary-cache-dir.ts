import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * Points KCC_CACHE_DIR at a fresh directory for the calling describe block (a new one for each
 * test, or one for all of them) and restores it afterwards. Returns the current directory.
 */
export function useTemporaryCacheDir(scope: 'each' | 'all' = 'each'): () => string {
  let saved: string | undefined;
  let dir = '';
  const enter = (): void => {
    saved = process.env.KCC_CACHE_DIR;
    dir = mkdtempSync(join(tmpdir(), 'kcc-cache-'));
    process.env.KCC_CACHE_DIR = dir;
  };
  const leave = (): void => {
    if (saved === undefined) delete process.env.KCC_CACHE_DIR;
    else process.env.KCC_CACHE_DIR = saved;
  };
  if (scope === 'each') {
    beforeEach(enter);
    afterEach(leave);
  } else {
    beforeAll(enter);
    afterAll(leave);
  }
  return () => dir;
}
