import { X509Certificate, createPrivateKey } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureHelmEngine } from '../../../src/chart/go-template/engine-build.js';
import { helmBinary } from '../../helpers/helm-binary.js';
import { runProcess } from '../../helpers/run-kcc.js';
import { ERROR_CASES, NOTES_CASES, RANDOM_SHAPES, RENDER_CASES, type RenderCase } from './cases.js';
import { caseName, chartPath, chartsDir, compareDocuments, compareOutcomes, helmNotes, helmTemplate, kccTemplate, type Outcome } from './render.js';
import { readExpectedDivergences } from '../../helpers/expected-divergences.js';

/**
 * The chart conformance test: the charts under ./charts (written for this test, in the style of
 * popular public charts) rendered by `helm template` (the real helm the dev dependency ships) and
 * by `kcc template` with the same flags, compared as parsed documents in order; error cases
 * compared by message, template line and exit code; NOTES.txt compared as text; random and
 * time-based functions compared by shape. expected-divergences.txt lists the cases where kcc
 * still differs (case, tab, reason); it may only shrink, so a listed case that now matches fails
 * too. KCC_HELM_REPORT=FILE writes every divergence found, to regenerate the list.
 */
const listFile = fileURLToPath(new URL('./expected-divergences.txt', import.meta.url));
const expectedDivergences = readExpectedDivergences(listFile);

// kcc builds its Helm engine with Go on first use (CI builds it beforehand): once, before any timed case.
beforeAll(() => ensureHelmEngine(), 1_800_000);

const found = new Map<string, string>();
const checked = new Set<string>();

/** Records a case's difference (undefined when kcc agrees) and checks it against the list. */
function expectAgreement(name: string, difference: string | undefined): void {
  checked.add(name);
  if (difference) found.set(name, difference);
  if (expectedDivergences.has(name)) {
    expect(difference, `"${name}" now agrees with helm: remove it from expected-divergences.txt`).toBeDefined();
  } else {
    expect(difference, `"${name}" diverges from helm`).toBeUndefined();
  }
}

afterAll(() => {
  const matched = [...checked].filter((name) => !found.has(name)).length;
  console.log(`helm chart conformance: ${matched}/${checked.size} cases agree with helm template (${found.size} listed divergences)`);
  const report = process.env.KCC_HELM_REPORT;
  const oneLine = (text: string): string => text.split(chartsDir).join('charts/').replace(/\s+/g, ' ').slice(0, 300);
  if (report) writeFileSync(report, [...found].map(([name, reason]) => `${name}\t${oneLine(reason)}`).join('\n') + '\n');
});

describe('Go-template charts: kcc template renders what helm template renders', () => {
  it.each(RENDER_CASES.map((testCase) => [caseName(testCase.chart, testCase), testCase] as const))('%s', async (name, testCase) => {
    const [expected, actual] = await Promise.all([helmTemplate(chartPath(testCase), testCase), kccTemplate(chartPath(testCase), testCase)]);
    // A case helm cannot render is a broken case, not a conformance result.
    expect(expected.ok, `helm fails on its own case: ${expected.ok ? '' : expected.error}`).toBe(true);
    expect((expected as Extract<Outcome, { ok: true }>).documents.length).toBeGreaterThan(0);
    expectAgreement(name, compareOutcomes(expected, actual));
  });

  it('every ci/ values file of every chart is used by a case', () => {
    const used = new Set(RENDER_CASES.flatMap((testCase) => (testCase.values ?? []).map((file) => `${testCase.chart}/${file}`)));
    const shipped = readdirSync(chartsDir).flatMap((chart) =>
      existsSync(join(chartsDir, chart, 'ci')) ? readdirSync(join(chartsDir, chart, 'ci')).map((file) => `${chart}/ci/${file}`) : [],
    );
    expect(shipped.length).toBeGreaterThan(5);
    expect(shipped.filter((file) => !used.has(file))).toEqual([]);
  });
});

/**
 * Charts that may not be committed (public charts read for a measurement): KCC_HELM_REAL_CHARTS=DIR
 * renders every chart directory in DIR with its defaults and with each of its ci/*.yaml files (those
 * with the Prometheus operator's and cert-manager's APIs present, as such files usually expect), and
 * fails on any divergence. Not part of the committed suite; matched/total is printed.
 */
const realChartsDir = process.env.KCC_HELM_REAL_CHARTS;
const realCases: RenderCase[] = realChartsDir
  ? readdirSync(realChartsDir)
      .filter((chart) => existsSync(join(realChartsDir, chart, 'Chart.yaml')))
      .flatMap((chart) => {
        const ciDir = join(realChartsDir, chart, 'ci');
        const ciFiles = existsSync(ciDir) ? readdirSync(ciDir).filter((file) => file.endsWith('.yaml')) : [];
        const apiVersions = ['monitoring.coreos.com/v1', 'cert-manager.io/v1'];
        return [{ chart, release: 'real' }, ...ciFiles.map((file) => ({ chart, release: 'real', values: [`ci/${file}`], apiVersions }))];
      })
  : [];

describe.skipIf(!realChartsDir)('charts from KCC_HELM_REAL_CHARTS: kcc template renders what helm template renders', () => {
  const agreed: string[] = [];
  const refusedByValidation: string[] = [];
  afterAll(() =>
    console.log(
      `real charts: ${agreed.length}/${realCases.length} cases agree with helm template; ` +
        `${refusedByValidation.length} more agree with --no-validate (kcc refuses objects the API server would refuse)`,
    ),
  );

  it.each(realCases.map((testCase) => [caseName(testCase.chart, testCase), testCase] as const))('%s', async (name, testCase) => {
    const chartDir = join(realChartsDir!, testCase.chart);
    const [expected, actual] = await Promise.all([helmTemplate(chartDir, testCase), kccTemplate(chartDir, testCase)]);
    let difference = compareOutcomes(expected, actual);
    if (!difference) agreed.push(name);
    else if (!actual.ok && /failed schema validation/.test(actual.error)) {
      // kcc's validation is deliberate; what is compared is the rendering.
      difference = compareOutcomes(expected, await kccTemplate(chartDir, testCase, ['--no-validate']));
      if (!difference) refusedByValidation.push(name);
    }
    expect(difference, name).toBeUndefined();
  });
});

describe('Go-template charts packaged as .tgz, as `helm package` and `helm dependency build` leave them', () => {
  // Built at test time with the reference helm, into a scratch directory: no archive is committed.
  let scratch = '';
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'kcc-helm-packaged-'));
    const webserver = join(scratch, 'webserver');
    cpSync(join(chartsDir, 'webserver'), webserver, { recursive: true, dereference: true });
    rmSync(join(webserver, 'charts', 'common'), { recursive: true });
    await helmPackage(join(chartsDir, 'common'), join(webserver, 'charts'));
    const shopCopy = join(scratch, 'shop-source', 'shop');
    cpSync(join(chartsDir, 'shop'), shopCopy, { recursive: true, dereference: true });
    await helmPackage(shopCopy, scratch);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  const packagedCases = [
    {
      name: 'packaged: webserver with charts/common-1.4.0.tgz -f ci/server-block-values.yaml',
      chart: () => join(scratch, 'webserver'),
      flags: { release: 'site', values: [join(chartsDir, 'webserver', 'ci', 'server-block-values.yaml')] },
    },
    {
      name: 'packaged: shop-2.3.1.tgz -f ci/production-values.yaml --include-crds',
      chart: () => join(scratch, 'shop-2.3.1.tgz'),
      flags: { release: 'storefront', namespace: 'retail', values: [join(chartsDir, 'shop', 'ci', 'production-values.yaml')], includeCrds: true },
    },
  ];

  it.each(packagedCases.map((testCase) => [testCase.name, testCase] as const))('%s', async (name, testCase) => {
    const [expected, actual] = await Promise.all([helmTemplate(testCase.chart(), testCase.flags), kccTemplate(testCase.chart(), testCase.flags)]);
    expect(expected.ok, `helm fails on its own case: ${expected.ok ? '' : expected.error}`).toBe(true);
    expectAgreement(name, compareOutcomes(expected, actual));
  });
});

async function helmPackage(chartDir: string, destination: string): Promise<void> {
  const run = await runProcess(helmBinary(), ['package', chartDir, '--destination', destination]);
  if (run.code !== 0) throw new Error(`helm package ${chartDir} failed: ${run.stderr}`);
}

describe('Go-template charts: kcc fails where helm fails, with the same message', () => {
  it.each(ERROR_CASES.map((testCase) => [`error: ${caseName(testCase.chart, testCase)}`, testCase] as const))('%s', async (name, testCase) => {
    const [expected, actual] = await Promise.all([helmTemplate(chartPath(testCase), testCase), kccTemplate(chartPath(testCase), testCase)]);
    // The case itself is checked against helm first: helm fails with exit 1, saying the message, at the line.
    expect(expected.ok).toBe(false);
    if (expected.ok) return;
    expect(expected.code).toBe(1);
    expect(expected.error).toContain(testCase.message);
    if (testCase.at) expect(expected.error).toContain(`(${testCase.at}`);
    expectAgreement(name, errorDifference(testCase, actual));
  });
});

/** What is wrong with kcc's outcome for an error case: it must fail as bad input (exit 1) saying what helm says. */
function errorDifference(testCase: (typeof ERROR_CASES)[number], actual: Outcome): string | undefined {
  if (actual.ok) return `kcc renders ${actual.documents.length} documents where helm fails`;
  if (actual.code !== 1) return `kcc exits ${actual.code}, helm exits 1: ${actual.error.slice(0, 200)}`;
  const text = actual.error.replace(/\s+/g, ' ');
  for (const fact of testCase.kccSays ?? [testCase.message]) {
    const said = typeof fact === 'string' ? text.includes(fact.replace(/\s+/g, ' ')) : fact.test(text);
    if (!said) return `kcc's error does not say ${String(fact)}: ${text.slice(0, 200)}`;
  }
  if (testCase.at) {
    const [file, line] = testCase.at.split(':');
    const relative = file!.slice(file!.indexOf('/') + 1);
    if (!new RegExp(`${escape(relative)}:${line}\\b`).test(actual.error)) return `kcc's error does not name ${relative}:${line}: ${actual.error.slice(0, 200)}`;
  }
  return undefined;
}

describe('Go-template charts: NOTES.txt', () => {
  it.each(NOTES_CASES.map((testCase) => [`notes: ${caseName(testCase.chart, testCase)}`, testCase] as const))('%s', async (name, testCase) => {
    const [notes, actual] = await Promise.all([helmNotes(chartPath(testCase), testCase), kccTemplate(chartPath(testCase), testCase, ['--notes'])]);
    expect(notes.trim().length).toBeGreaterThan(20);
    let difference: string | undefined;
    if (!actual.ok) difference = `kcc fails (exit ${actual.code}): ${actual.error.slice(0, 200)}`;
    else if (!actual.stderr.includes(notes.trim())) difference = `kcc --notes does not print helm's NOTES.txt (got: ${JSON.stringify(actual.stderr.slice(0, 200))})`;
    expectAgreement(name, difference);
  });
});

describe('Go-template charts: random, key and time functions have the right shape', () => {
  const testCase: RenderCase = { chart: 'randomized', release: 'rnd', namespace: 'secure' };
  const name = `shape: ${caseName(testCase.chart, testCase)}`;

  it(name, async () => {
    const [expected, actual] = await Promise.all([helmTemplate(chartPath(testCase), testCase), kccTemplate(chartPath(testCase), testCase)]);
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    const helmSecret = expected.documents[0] as Secret;
    // Each rule holds for helm's own output, so a rule that cannot match fails here, not in kcc.
    expect(shapeViolations(helmSecret)).toEqual([]);
    expect(certificateViolations(helmSecret)).toEqual([]);
    let difference: string | undefined;
    if (!actual.ok) difference = `kcc fails (exit ${actual.code}): ${actual.error.slice(0, 200)}`;
    else {
      const kccSecret = actual.documents[0] as Secret;
      const violations = actual.documents.length === 1 ? [...shapeViolations(kccSecret), ...certificateViolations(kccSecret)] : [`${actual.documents.length} documents`];
      difference = violations.length
        ? `wrong shape: ${violations.join('; ')}`
        : compareDocuments([withoutRandomValues(helmSecret)], [withoutRandomValues(kccSecret)]);
    }
    expectAgreement(name, difference);
  });
});

type Secret = { data: Record<string, string>; stringData: Record<string, string> };

function decoded(secret: Secret, key: string): string {
  const [field, name] = key.split('/') as ['data' | 'stringData', string];
  const value = secret[field]?.[name] ?? '';
  return field === 'data' ? Buffer.from(value, 'base64').toString('utf8') : String(value);
}

function shapeViolations(secret: Secret): string[] {
  return Object.entries(RANDOM_SHAPES)
    .filter(([key, shape]) => !shape.test(decoded(secret, key)))
    .map(([key]) => `${key} = ${JSON.stringify(decoded(secret, key).slice(0, 60))}`);
}

/** The generated certificates are real: the leaf is signed by the CA, names its hosts, and matches its key. */
function certificateViolations(secret: Secret): string[] {
  const problems: string[] = [];
  try {
    const ca = new X509Certificate(decoded(secret, 'data/ca.crt'));
    const leaf = new X509Certificate(decoded(secret, 'data/tls.crt'));
    if (!ca.subject.includes('CN=randomized-ca')) problems.push(`CA subject ${ca.subject}`);
    if (!leaf.subject.includes('CN=randomized.example.com')) problems.push(`leaf subject ${leaf.subject}`);
    if (!leaf.verify(ca.publicKey)) problems.push('leaf not signed by the CA');
    if (!leaf.subjectAltName?.includes('DNS:localhost') || !leaf.subjectAltName.includes('IP Address:127.0.0.1')) problems.push(`SAN ${leaf.subjectAltName}`);
    if (!leaf.checkPrivateKey(createPrivateKey(decoded(secret, 'data/tls.key')))) problems.push('tls.key does not match tls.crt');
  } catch (error) {
    problems.push(`certificates do not parse: ${(error as Error).message}`);
  }
  return problems;
}

function withoutRandomValues(secret: Secret): Secret {
  const copy = structuredClone(secret);
  for (const key of Object.keys(RANDOM_SHAPES)) {
    const [field, name] = key.split('/') as ['data' | 'stringData', string];
    delete copy[field][name];
  }
  return copy;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
