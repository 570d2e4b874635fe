import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OUTPUT_MARKER, type ManifestFile } from '../core/manifest-output.js';

/** How a committed synth output directory differs from what synth renders now. */
export interface OutputDrift {
  /** In both, with different bytes. */
  stale: string[];
  /** Rendered now, not in the directory. */
  missing: string[];
  /** In the directory, no longer rendered (subdirectories end in `/`). */
  extra: string[];
  /** The directory exists, is not empty and was never written by `kcc synth` (no marker file). */
  foreign: boolean;
}

export function isCurrent(drift: OutputDrift): boolean {
  return !drift.foreign && drift.stale.length + drift.missing.length + drift.extra.length === 0;
}

/**
 * Compares `outDir` with the files `kcc synth` would write there (writeManifestDir): the same
 * file set, marker included, and the same bytes per manifest. The marker's text is not compared:
 * it is not part of the output a reviewer reads, only proof that synth owns the directory.
 * Reads only; a missing directory counts as every file missing.
 */
export async function compareOutputDir(outDir: string, files: readonly ManifestFile[]): Promise<OutputDrift> {
  const drift: OutputDrift = { stale: [], missing: [], extra: [], foreign: false };
  const entries = await readdir(outDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const present = new Map(entries.map((entry) => [entry.name, entry]));
  drift.foreign = entries.length > 0 && !present.has(OUTPUT_MARKER);
  if (!present.has(OUTPUT_MARKER)) drift.missing.push(OUTPUT_MARKER);

  const rendered = new Set([OUTPUT_MARKER]);
  for (const file of files) {
    rendered.add(file.name);
    const entry = present.get(file.name);
    if (!entry) drift.missing.push(file.name);
    else if (!entry.isFile() || !(await readFile(join(outDir, file.name))).equals(file.bytes ?? Buffer.from(file.content))) drift.stale.push(file.name);
  }
  for (const entry of entries) {
    if (!rendered.has(entry.name)) drift.extra.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  for (const list of [drift.stale, drift.missing, drift.extra]) list.sort();
  return drift;
}

/** The report `kcc synth --check` prints, one file a line under its heading. */
export function describeDrift(drift: OutputDrift, shownDir: string): string {
  const sections = [
    ['stale (content differs)', drift.stale],
    ['missing (would be written)', drift.missing],
    ['extra (would be deleted)', drift.extra],
  ] as const;
  const lines = [`${shownDir}/ is not what kcc synth renders now:`];
  for (const [heading, names] of sections) {
    if (names.length) lines.push(`  ${heading}:`, ...names.map((name) => `    ${join(shownDir, name)}`));
  }
  return lines.join('\n');
}

