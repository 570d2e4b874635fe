import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { KccError } from './errors.js';
import type { KubeObject, TrackedObject } from './kube-object.js';
import { toJsonList, toYamlStreamBytes } from './serialize.js';

export type ManifestFormat = 'yaml' | 'json';

export interface ManifestFile {
  /** File name inside the output directory. */
  name: string;
  content: string;
  /** The content as UTF-8, when it was rendered that way (written as is, never re-encoded). */
  bytes?: Buffer;
}

export interface RenderOptions {
  /** @default 'yaml' */
  format?: ManifestFormat;
  /** One file (`app.k8s.yaml`) instead of one per chart. @default false */
  singleFile?: boolean;
}

/**
 * The files `kcc synth` writes: `<chart>.k8s.yaml` per chart with objects, in chart order, or
 * one `app.k8s.yaml`. JSON output is a `v1` List per file.
 */
export function renderManifests(charts: { name: string; objects: TrackedObject[] }[], options: RenderOptions = {}): ManifestFile[] {
  const format = options.format ?? 'yaml';
  const render = (name: string, objects: KubeObject[]): ManifestFile => (format === 'json' ? { name, content: toJsonList(objects) } : yamlFile(name, toYamlStreamBytes(objects)));
  const extension = format === 'json' ? 'json' : 'yaml';
  if (options.singleFile) return [render(`app.k8s.${extension}`, charts.flatMap((c) => c.objects.map((t) => t.object)))];
  return charts.filter((c) => c.objects.length > 0).map((c) => render(`${c.name}.k8s.${extension}`, c.objects.map((t) => t.object)));
}

/** A YAML file rendered to bytes; `content` (the same text as a string) is decoded on first read. */
function yamlFile(name: string, bytes: Buffer): ManifestFile {
  let text: string | undefined;
  return {
    name,
    bytes,
    get content(): string {
      return (text ??= bytes.toString('utf8'));
    },
  };
}

/** Present in every directory `kcc synth` writes: only such directories are ever replaced. */
export const OUTPUT_MARKER = '.kcc-synth';

/**
 * Replaces `outDir` with exactly these files, never leaving it half-written: the files go to a
 * sibling temporary directory first, which is then renamed into place. A directory that exists,
 * is not empty and was not written by kcc synth is refused (it might be a build output).
 */
export async function writeManifestDir(outDir: string, files: ManifestFile[], shownAs = outDir): Promise<void> {
  const target = resolve(outDir);
  await refuseForeignDirectory(target, shownAs);
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.kcc-tmp-${process.pid}`;
  const previous = `${target}.kcc-old-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  try {
    await mkdir(temporary);
    await writeFile(join(temporary, OUTPUT_MARKER), 'Written by `kcc synth`, which replaces this whole directory on every run.\n');
    await Promise.all(files.map((file) => writeFile(join(temporary, file.name), file.bytes ?? file.content)));
    const hadPrevious = existsSync(target);
    if (hadPrevious) await rename(target, previous);
    await rename(temporary, target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

async function refuseForeignDirectory(target: string, shown: string): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return;
  if (!info.isDirectory()) throw new KccError(`${shown} exists and is not a directory`, { hint: 'choose another output directory with --out' });
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    throw new KccError(`${shown}/ exists and was not written by kcc synth; refusing to replace it`, { hint: 'choose another output directory with --out, or remove it' });
  }
}
