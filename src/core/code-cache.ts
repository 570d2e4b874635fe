import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { kccCacheDir, writeFileAtomically } from './cache-dir.js';

/**
 * Runs JavaScript that kcc loads as text (the `kcc template` bundle, cached schema validators)
 * with V8's code cache: the bytecode of every function a run compiled is kept on disk, so the
 * next run skips parsing and compiling it. Node 20 has no compile cache for modules of its own;
 * this is the same idea for the few large scripts on kcc's hot paths.
 *
 * The cache is written by `saveCodeCaches()` after a command has done its work (so it holds the
 * functions the work needed), keyed by the source and the Node version; V8 also checks the data
 * and ignores (rejects) what does not fit. A cache that cannot be read or written
 * only costs speed.
 */
// Shared through globalThis by every copy of this module (the `kcc template` bundle has its own),
// so one `saveCodeCaches()` after a command saves them all.
const unsaved: { file: string; script: Script }[] = ((globalThis as Record<symbol, { file: string; script: Script }[] | undefined>)[Symbol.for('kcc.unsavedCodeCaches')] ??= []);

/**
 * `identity` names this exact source (a content hash, or a file's path, size and time): V8 checks
 * little more than the source's length, so different code under one identity would run stale
 * bytecode. Without one, the source itself is hashed.
 */
export function runCachedScript(source: string, filename: string, identity: string = createHash('sha256').update(source).digest('hex')): unknown {
  const file = join(kccCacheDir('code'), `${createHash('sha256').update(`${process.version}\0${filename}\0${identity}`).digest('hex').slice(0, 32)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(source, { filename, cachedData });
  const result = script.runInThisContext();
  if (!cachedData || script.cachedDataRejected) unsaved.push({ file, script });
  return result;
}

/** Writes the code cache of every script run since the last call that had none (or a stale one). */
export function saveCodeCaches(): void {
  for (const { file, script } of unsaved.splice(0)) {
    try {
      writeFileAtomically(file, script.createCachedData());
    } catch {
      // A read-only home or a full disk only costs speed.
    }
  }
}
