import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real-manifest corpus and the API server's recorded verdict on each file. The corpus lives in
 * ../shared beside the repository (as in CI) and is read in place, never copied.
 */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus/validate-real/', import.meta.url));

/** What `kubectl create --dry-run=server --validate=strict -f FILE` said about one file. */
export interface ServerVerdict {
  /** `valid`: every object accepted; `invalid`: at least one rejected; `unknown`: a kind the server does not serve (a CRD not installed). */
  verdict: 'valid' | 'invalid' | 'unknown';
  accepted: number;
  rejections: string[];
  unknown: string[];
  /** Failures that come from the cluster's state (namespace missing, IPv6 off), not from the file. */
  env: string[];
}

export interface CorpusFile {
  /** Path relative to the corpus directory, as recorded. */
  path: string;
  /** First 16 hex digits of the SHA-256 of the content the verdict was recorded for. */
  hash: string;
  server: ServerVerdict;
}

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'apiserver-verdicts.json'));
}

/** Every recorded file, keyed in the JSON as `path@hash`. */
export function loadCorpus(): CorpusFile[] {
  const recorded = JSON.parse(readFileSync(join(CORPUS_DIR, 'apiserver-verdicts.json'), 'utf8')) as Record<string, ServerVerdict>;
  return Object.entries(recorded).map(([key, server]) => {
    const at = key.lastIndexOf('@');
    return { path: key.slice(0, at), hash: key.slice(at + 1), server };
  });
}

export function contentHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
}
