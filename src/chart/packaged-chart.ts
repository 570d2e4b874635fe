import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { kccCacheDir } from '../core/cache-dir.js';
import { KccError } from '../core/errors.js';

/**
 * A packaged chart (`helm package` output, or what `helm dependency build` puts under charts/):
 * unpacked once into kcc's cache, keyed by the archive's content, and read from there like any
 * chart directory. Returns that directory. Archives are read with node-tar, which keeps every
 * entry inside the target directory (no absolute paths, no `..`).
 */
export async function unpackChart(archive: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(archive);
  } catch (error) {
    throw new KccError(`cannot read packaged chart ${archive}: ${(error as Error).message}`);
  }
  const target = join(kccCacheDir('charts'), createHash('sha256').update(bytes).digest('hex').slice(0, 32));
  let entries = listDirectory(target);
  if (!entries) {
    const temporary = `${target}.${process.pid}.tmp`;
    rmSync(temporary, { recursive: true, force: true });
    mkdirSync(temporary, { recursive: true });
    try {
      const tar = createRequire(import.meta.url)('tar') as typeof import('tar');
      await tar.x({ file: archive, cwd: temporary, strict: true });
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      throw new KccError(`${archive} is not a packaged chart (a .tgz made by \`helm package\`): ${(error as Error).message}`, {
        hint: 'rebuild it with `helm package`, or unpack the chart into a directory under charts/',
      });
    }
    try {
      renameSync(temporary, target);
    } catch {
      // Another kcc unpacked the same archive meanwhile: its copy is as good.
      rmSync(temporary, { recursive: true, force: true });
    }
    entries = listDirectory(target) ?? [];
  }
  const charts = entries.filter((name) => listDirectory(join(target, name))?.includes('Chart.yaml'));
  if (charts.length !== 1) {
    throw new KccError(`${archive} holds ${charts.length === 0 ? 'no chart' : `${charts.length} charts`}: a packaged chart is one directory with a Chart.yaml`, {
      hint: 'package the chart with `helm package DIR`',
    });
  }
  return join(target, charts[0]!);
}

function listDirectory(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch {
    return undefined;
  }
}
