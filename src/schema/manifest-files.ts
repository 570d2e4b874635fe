import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { KccError } from '../core/errors.js';

/**
 * Which files a list of paths names, and their text. Reading YAML costs about a second per MB
 * (the `yaml` library), so a file past this size gets a one-line error instead: the API server
 * takes at most 3 MiB per object, and real multi-object files (operator installs, CRD bundles)
 * stay well under it.
 */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** How much of a file is looked at to tell text from binary, as git and grep do. */
const SNIFF_BYTES = 8000;

/** Something a directory walk left out, so the report can say so. */
export interface SkippedPath {
  path: string;
  reason: 'hidden' | 'node_modules' | 'not a manifest';
}

export interface ManifestFiles {
  files: string[];
  skipped: SkippedPath[];
}

/**
 * Files named explicitly are always read (hidden or not, any extension); directories are walked
 * recursively for .yaml, .yml and .json files, leaving out hidden entries and node_modules unless
 * the directory itself was named.
 */
export async function collectManifestFiles(paths: string[]): Promise<ManifestFiles> {
  const found: ManifestFiles = { files: [], skipped: [] };
  for (const path of paths) await collect(path, found, true);
  return found;
}

async function collect(path: string, into: ManifestFiles, explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new KccError(`${path}: no such file or directory`, { hint: 'pass manifest files (.yaml, .yml, .json) or directories that contain them' });
  }
  if (info.isDirectory()) {
    for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = entry.name;
      const child = join(path, name);
      // Hidden directories and hidden manifest files are named (`.github/` may hold manifests);
      // other hidden files (.kcc-synth, .gitignore) are just not manifests.
      const hiddenManifest = entry.isDirectory() || MANIFEST_EXTENSIONS.has(extname(name).toLowerCase());
      if (name.startsWith('.')) into.skipped.push({ path: child, reason: hiddenManifest ? 'hidden' : 'not a manifest' });
      else if (name === 'node_modules') into.skipped.push({ path: child, reason: 'node_modules' });
      else await collect(child, into, false);
    }
  } else if (explicit || MANIFEST_EXTENSIONS.has(extname(path).toLowerCase())) {
    into.files.push(path);
  } else {
    into.skipped.push({ path, reason: 'not a manifest' });
  }
}

export type ManifestText = { text: string } | { problem: string; hint: string };

/**
 * A file's text, or why it is not read: too large, binary, or unreadable. Read synchronously:
 * manifests are small and many, and a promise round trip per open, stat, read and close cost
 * more than the reads themselves.
 */
export function readManifestFile(file: string): ManifestText {
  let descriptor: number | undefined;
  try {
    descriptor = openSync(file, 'r');
    const { size } = fstatSync(descriptor);
    if (size > MAX_MANIFEST_BYTES) {
      return {
        problem: `file is ${mebibytes(size)}: larger than the ${mebibytes(MAX_MANIFEST_BYTES)} kcc reads`,
        hint: 'split it into several files (the API server takes at most 3 MiB per object)',
      };
    }
    return textOf(readFileSync(descriptor));
  } catch (error) {
    return { problem: `cannot read the file: ${(error as Error).message.split('\n')[0]}`, hint: 'check that the path is a readable file' };
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The buffer as UTF-8 text, unless it holds NUL bytes or invalid UTF-8 (an image, an archive). */
export function textOf(buffer: Buffer): ManifestText {
  const head = buffer.subarray(0, SNIFF_BYTES);
  const text = buffer.toString('utf8');
  if (head.includes(0) || (text.includes('\uFFFD') && !isValidUtf8(buffer))) {
    return { problem: 'binary file, not YAML or JSON text: not read', hint: 'pass only manifest files; a directory walk reads .yaml, .yml and .json files' };
  }
  return { text };
}

function isValidUtf8(buffer: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
