import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { KccError } from '../../../src/core/errors.js';
import { buildKustomization, type BuildOptions } from '../../../src/overlay/index.js';

/** Writes files into a fresh directory and returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-overlay-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The built objects as plain data. */
export async function build(dir: string, options: BuildOptions = {}): Promise<Record<string, any>[]> {
  const { objects } = await buildKustomization(dir, options);
  return objects.map((tracked) => JSON.parse(JSON.stringify(tracked.object)));
}

export async function buildError(dir: string, options: BuildOptions = {}): Promise<KccError> {
  try {
    await buildKustomization(dir, options);
  } catch (error) {
    expect(error).toBeInstanceOf(KccError);
    return error as KccError;
  }
  throw new Error('expected the build to fail');
}
