import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareOutcomes, corpusDir, kccBuild, kubectlKustomize, mapBounded, readRoots, withoutDocumentedDifferences, type Outcome } from './corpus.js';
import { kubectlAvailable } from '../../helpers/kubectl-available.js';
import { readExpectedDivergences } from '../../helpers/expected-divergences.js';

/**
 * Every root of ../shared/corpus/kustomize-real built by kcc and by `kubectl kustomize`: the same
 * documents in the same order, or both fail (setting aside the fields where src/overlay/README.md
 * documents that kcc is right and kustomize is not, corpus.ts KCC_IS_RIGHT). expected-divergences.txt lists the roots where kcc
 * still differs (root, tab, reason); it may only shrink, so a listed root that now matches fails
 * too. KCC_CORPUS_REPORT=FILE writes every divergence found, to regenerate the list.
 */
const listFile = fileURLToPath(new URL('./expected-divergences.txt', import.meta.url));
const expectedDivergences = readExpectedDivergences(listFile);

const haveKubectl = kubectlAvailable();
const haveCorpus = existsSync(corpusDir);
if (!haveKubectl) console.warn('kustomize real-tree conformance skipped: kubectl is not on PATH');
else if (!haveCorpus) console.warn(`kustomize real-tree conformance skipped: no corpus at ${corpusDir}`);

const roots = haveCorpus ? readRoots() : [];
const found = new Map<string, string>();
const timing = { kubectlMs: 0, kccMs: 0 };
/** Roots that match only with the documented kcc-is-right fields set aside (corpus.ts, KCC_IS_RIGHT). */
const documented = new Set<string>();

describe.skipIf(!haveKubectl || !haveCorpus)('real kustomization trees: kcc build matches kubectl kustomize', () => {
  const reference = new Map<string, Outcome>();

  beforeAll(async () => {
    // kubectl is a separate process per root; two cores, so a few in flight at once.
    const started = performance.now();
    const outcomes = await mapBounded(roots, 3, kubectlKustomize);
    timing.kubectlMs = performance.now() - started;
    roots.forEach((root, index) => reference.set(root.name, outcomes[index]!));
  }, 300_000);

  afterAll(() => {
    const built = roots.filter((root) => reference.get(root.name)?.ok);
    const matching = built.filter((root) => !found.has(root.name)).length;
    const failing = roots.length - built.length;
    const bothFail = roots.filter((root) => reference.get(root.name)?.ok === false && !found.has(root.name)).length;
    console.log(
      `kustomize real-tree conformance: ${matching}/${built.length} roots that kubectl kustomize builds give the same documents; ` +
        `kcc also fails on ${bothFail}/${failing} roots kustomize refuses; ` +
        `${documented.size} of the matching roots differ only where kcc is documented to be right ` +
        `(kubectl kustomize, 3 at a time: ${(timing.kubectlMs / 1000).toFixed(1)} s; kcc library, one at a time: ${(timing.kccMs / 1000).toFixed(1)} s)`,
    );
    const report = process.env.KCC_CORPUS_REPORT;
    if (report) writeFileSync(report, [...found].map(([name, reason]) => `${name}\t${reason}`).join('\n') + '\n');
  });

  it.each(roots.map((root) => [root.name, root] as const))('%s', async (_name, root) => {
    const started = performance.now();
    const built = await kccBuild(root);
    timing.kccMs += performance.now() - started;
    const expected = reference.get(root.name)!;
    const difference = compareOutcomes(withoutDocumentedDifferences(expected), withoutDocumentedDifferences(built));
    if (!difference && compareOutcomes(expected, built)) documented.add(root.name);
    if (difference) found.set(root.name, difference);
    if (expectedDivergences.has(root.name)) {
      expect(difference, `${root.name} now matches kustomize: remove it from expected-divergences.txt`).toBeDefined();
    } else {
      expect(difference, `${root.name} diverges from kustomize`).toBeUndefined();
    }
  });

  it('lists only roots of the corpus', () => {
    const names = new Set(roots.map((root) => root.name));
    expect([...expectedDivergences.keys()].filter((name) => !names.has(name))).toEqual([]);
  });
});
