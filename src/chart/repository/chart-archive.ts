import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { helmIgnore } from '../chart-files.js';
import { parseYaml } from '../yaml-parse.js';

function tarLibrary(): typeof import('tar') {
  return createRequire(import.meta.url)('tar') as typeof import('tar');
}

/**
 * A chart directory as a .tgz whose entries sit under "<chart name>/" (Helm's layout), without
 * what `.helmignore` excludes (as `helm package` and `helm dependency update` pack file://
 * charts), in sorted order with a fixed mtime, so the same directory always packs to the same bytes.
 */
export async function packChartDirectory(dir: string, chartName: string): Promise<Buffer> {
  const ignored = helmIgnore(dir);
  const files: string[] = [];
  const walk = (relativeDir: string): void => {
    for (const entry of readdirSync(join(dir, relativeDir), { withFileTypes: true })) {
      const path = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (ignored(path, entry.isDirectory())) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk('');
  files.sort();
  const chunks: Buffer[] = [];
  const stream = tarLibrary().c({ gzip: true, cwd: dir, prefix: chartName, portable: true, mtime: new Date(0), sync: true }, files);
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise<void>((resolvePromise, reject) => {
    stream.on('end', resolvePromise);
    stream.on('error', reject);
  });
  return Buffer.concat(chunks);
}

/**
 * Unpacks a chart archive into `<destination>/<chart directory>` as `helm pull --untar` does, and
 * refuses to overwrite an existing directory. Returns the chart directory.
 */
export async function untarChart(archive: Buffer, destination: string, source: string): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'kcc-untar-'));
  try {
    const file = join(scratch, 'chart.tgz');
    writeFileSync(file, archive);
    const unpacked = join(scratch, 'out');
    mkdirSync(unpacked);
    try {
      await tarLibrary().x({ file, cwd: unpacked, strict: true });
    } catch (error) {
      throw new KccError(`${source} is not a chart archive: ${(error as Error).message}`);
    }
    const roots = readdirSync(unpacked);
    if (roots.length !== 1 || !existsSync(join(unpacked, roots[0]!, 'Chart.yaml'))) {
      throw new KccError(`${source} is not a chart archive: it must hold one directory with a Chart.yaml`);
    }
    const target = join(destination, roots[0]!);
    if (existsSync(target)) throw new KccError(`${target} already exists`, { hint: 'remove it, or pull into another --destination' });
    mkdirSync(destination, { recursive: true });
    // A copy, not a rename: the temporary directory may be on another file system.
    cpSync(join(unpacked, roots[0]!), target, { recursive: true });
    return target;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The name and version a chart archive's Chart.yaml declares, read from the archive in memory;
 * undefined when it holds no top-level Chart.yaml (not a chart).
 */
export async function readArchiveMetadata(archive: Buffer): Promise<{ name: string; version: string } | undefined> {
  const chunks: Buffer[] = [];
  await new Promise<void>((resolvePromise, reject) => {
    const parser = new (tarLibrary().Parser)({
      onReadEntry: (entry) => {
        if (/^[^/]+\/Chart\.yaml$/.test(entry.path)) entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        else entry.resume();
      },
    });
    parser.on('end', () => resolvePromise());
    parser.on('error', reject);
    parser.end(archive);
  }).catch(() => undefined);
  if (!chunks.length) return undefined;
  try {
    const data = parseYaml(Buffer.concat(chunks).toString('utf8')) as { name?: unknown; version?: unknown } | null;
    return data?.name !== undefined && data.version !== undefined ? { name: String(data.name), version: String(data.version) } : undefined;
  } catch {
    return undefined;
  }
}
