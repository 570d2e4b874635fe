import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledCustomKind } from '../../../src/schema/bundled-crds.js';
import { findSchemaEntry, readManifestPaths, validateObjects, type ValidationIssue } from '../../../src/schema/index.js';
import { CORPUS_DIR, contentHash, corpusAvailable, loadCorpus, type CorpusFile } from './apiserver-verdicts.js';
import { KNOWN_FALSE_NEGATIVES } from './known-false-negatives.js';

/**
 * `kcc validate` against the real kube-apiserver, file by file, on real manifests: kcc must never
 * reject a file the server accepts (a false positive blocks a CI step and, through preflight, an
 * apply), and may let through only the files listed in known-false-negatives.ts. The list may only
 * shrink: a listed file that kcc now catches fails this test until it is removed from the list.
 */
interface Comparison {
  file: CorpusFile;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  /** Every kind of the file the API server does not serve is one kcc ships the CRD of (so kcc validates it). */
  onlyBundledCustomKinds: boolean;
}

const comparisons: Comparison[] = [];

/** What kcc says about one file, read and validated alone, as `kubectl create -f FILE` sees it. */
async function judge(file: CorpusFile): Promise<Comparison> {
  const read = await readManifestPaths([join(CORPUS_DIR, file.path)]);
  const issues = [...read.issues, ...validateObjects(read.objects)];
  const custom = read.objects.map(({ object }) => object).filter((o) => !findSchemaEntry(String(o.apiVersion), String(o.kind)));
  const onlyBundledCustomKinds = custom.length > 0 && custom.every((o) => bundledCustomKind(String(o.apiVersion), String(o.kind)) !== undefined);
  return { file, errors: issues.filter((i) => i.severity === 'error'), warnings: issues.filter((i) => i.severity === 'warning'), onlyBundledCustomKinds };
}

/** The server accepted every object it could map (an `unknown` kind is a CRD kcc warns about). */
function serverAccepts(file: CorpusFile): boolean {
  return file.server.verdict !== 'invalid';
}

describe('kcc validate agrees with the API server on the real-manifest corpus', () => {
  beforeAll(async () => {
    if (!corpusAvailable()) throw new Error(`the corpus is missing: expected ${CORPUS_DIR} (../shared beside the repository)`);
    for (const file of loadCorpus()) comparisons.push(await judge(file));
    const falsePositives = comparisons.filter((c) => serverAccepts(c.file) && c.errors.length > 0).length;
    const falseNegatives = comparisons.filter((c) => !serverAccepts(c.file) && c.errors.length === 0).length;
    const agree = comparisons.length - falsePositives - falseNegatives;
    console.log(`validate conformance: ${agree}/${comparisons.length} files agree; ${falsePositives} false positives, ${falseNegatives} false negatives`);
  }, 120_000);

  it('reads the same content the verdicts were recorded for', () => {
    const changed = comparisons.filter(({ file }) => contentHash(join(CORPUS_DIR, file.path)) !== file.hash).map(({ file }) => file.path);
    expect(changed).toEqual([]);
    expect(comparisons.length).toBeGreaterThan(300);
  });

  it('rejects no file the API server accepts', () => {
    const falsePositives = comparisons
      .filter((c) => serverAccepts(c.file) && c.errors.length > 0)
      .map((c) => ({ file: c.file.path, kcc: c.errors.map((e) => `${e.location.line ?? '?'}: ${e.field ?? ''} ${e.message}`) }));
    expect(falsePositives).toEqual([]);
  });

  it('says it did not validate a kind the API server does not serve (a CRD not installed, a configuration file)', () => {
    const unknown = comparisons.filter((c) => c.file.server.verdict === 'unknown');
    const silent = unknown.filter((c) => !c.onlyBundledCustomKinds && !c.warnings.some((w) => w.code === 'unknown-kind')).map((c) => c.file.path);
    expect(unknown.length).toBeGreaterThan(0);
    expect(silent).toEqual([]);
  });

  it('validates the Gateway API and volume snapshot kinds of the kubernetes.io docs against the CRDs kcc ships', () => {
    const bundled = comparisons.filter((c) => c.onlyBundledCustomKinds).map((c) => c.file.path);
    expect(bundled).toEqual(expect.arrayContaining(['website/content/en/examples/service/networking/gateway.yaml', 'website/content/en/examples/application/volume-snapshot-class.yaml']));
    const warned = comparisons.filter((c) => c.onlyBundledCustomKinds && c.warnings.some((w) => w.code === 'unknown-kind')).map((c) => c.file.path);
    expect(warned).toEqual([]);
  });

  it('lets through only the listed files the API server rejects, and every listed one still', () => {
    const missed = comparisons
      .filter((c) => !serverAccepts(c.file) && c.errors.length === 0)
      .map((c) => c.file.path)
      .sort();
    const listed = KNOWN_FALSE_NEGATIVES.map((entry) => entry.file).sort();
    const newlyMissed = missed.filter((path) => !listed.includes(path));
    const nowCaught = listed.filter((path) => !missed.includes(path));
    expect(newlyMissed, 'new false negatives (the server rejects, kcc accepts)').toEqual([]);
    expect(nowCaught, 'caught now: remove them from known-false-negatives.ts').toEqual([]);
  });
});
