import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { buildKustomization, type LoadRestrictor } from '../../../src/overlay/index.js';
import { firstDifference } from '../../helpers/document-diff.js';

/**
 * The real-world corpus (../shared/corpus/kustomize-real), read in place: each root built by
 * `kubectl kustomize` and by kcc's overlay library, compared as parsed documents in order.
 */
export const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/kustomize-real/', import.meta.url));

export interface CorpusRoot {
  name: string;
  dir: string;
  loadRestrictor: LoadRestrictor;
}

/** A build's outcome: the documents, or the first line of the error. */
export type Outcome = { ok: true; documents: unknown[] } | { ok: false; error: string };

export function readRoots(): CorpusRoot[] {
  return readFileSync(join(corpusDir, 'roots.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, ...flags] = line.split(/\s+/);
      const loadRestrictor: LoadRestrictor = flags.includes('load-restrictor=none') ? 'none' : 'rootOnly';
      return { name: name!, dir: join(corpusDir, name!), loadRestrictor };
    });
}

export function kubectlKustomize(root: CorpusRoot): Promise<Outcome> {
  const args = ['kustomize', root.dir];
  if (root.loadRestrictor === 'none') args.push('--load-restrictor', 'LoadRestrictionsNone');
  return new Promise((resolvePromise) => {
    execFile('kubectl', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) resolvePromise({ ok: false, error: kubectlError(stderr || error.message) });
      else resolvePromise({ ok: true, documents: parseDocuments(stdout) });
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapBounded<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function kccBuild(root: CorpusRoot): Promise<Outcome> {
  try {
    const { objects } = await buildKustomization(root.dir, { loadRestrictor: root.loadRestrictor });
    return { ok: true, documents: objects.map((tracked) => JSON.parse(JSON.stringify(tracked.object))) };
  } catch (error) {
    return { ok: false, error: firstLine(error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Where kcc is right and kustomize v5.5 is not, as src/overlay/README.md documents: kustomize's
 * built-in schema predates flowcontrol v1, so it gives these cluster-scoped kinds the
 * kustomization's namespace (which the API server ignores); kcc leaves them as written. The field
 * is set aside on both sides before comparing, so everything else in those roots is still checked.
 */
const KCC_IS_RIGHT: { apiVersion: string; kinds: string[]; setAside: (document: Record<string, any>) => void }[] = [
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    setAside: (document) => {
      delete document.metadata?.namespace;
    },
  },
];

/** The outcome with the fields of KCC_IS_RIGHT set aside (a copy). */
export function withoutDocumentedDifferences(outcome: Outcome): Outcome {
  if (!outcome.ok) return outcome;
  const documents = structuredClone(outcome.documents) as Record<string, any>[];
  for (const document of documents) {
    KCC_IS_RIGHT.find((rule) => rule.apiVersion === document?.apiVersion && rule.kinds.includes(document?.kind))?.setAside(document);
  }
  return { ok: true, documents };
}

/**
 * undefined when kcc agrees with kustomize (the same documents in order, or both fail), else a
 * short description of the first difference.
 */
export function compareOutcomes(expected: Outcome, actual: Outcome): string | undefined {
  if (!expected.ok) return actual.ok ? `kustomize fails (${expected.error}) but kcc builds` : undefined;
  if (!actual.ok) return `kcc fails: ${actual.error}`;
  const want = expected.documents;
  const got = actual.documents;
  if (want.length !== got.length) return `${got.length} documents, kustomize gives ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const path = firstDifference(want[i], got[i], '');
    if (path !== undefined) return `document ${i} (${identify(want[i])}) differs at ${path || '/'}`;
  }
  return undefined;
}



function identify(document: unknown): string {
  const o = document as { kind?: string; metadata?: { namespace?: string; name?: string } } | null;
  return `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;
}

function parseDocuments(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter((o) => o !== null);
}

/** kubectl's klog line without its timestamp: `E1203 15:59:27.18 1152 run.go:72] "command failed" err="..."`. */
function kubectlError(text: string): string {
  const line = firstLine(text);
  return /err="(.*)"$/.exec(line)?.[1] ?? line;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 200);
}
