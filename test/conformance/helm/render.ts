import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { readKubernetesPin } from '../../../src/cluster/controlplane-pin.js';
import { firstDifference } from '../../helpers/document-diff.js';
import { helmBinary } from '../../helpers/helm-binary.js';
import { KCC_BIN, runProcess, type KccRun } from '../../helpers/run-kcc.js';
import type { RenderCase, RenderFlags } from './cases.js';

/**
 * Runs one case under `helm template` and `kcc template` with the same flags, and compares the
 * outcomes as parsed documents in order (the rule of ../kustomize-real: same documents in the
 * same order, or both fail).
 */
export const chartsDir = fileURLToPath(new URL('./charts/', import.meta.url));

/** A render's outcome: the documents, or the tool's error output and exit code. */
export type Outcome = { ok: true; documents: unknown[]; stderr: string } | { ok: false; code: number; error: string };

/** A stable name for a case, used in test titles and in expected-divergences.txt. */
export function caseName(chart: string, flags: RenderFlags): string {
  const parts = [chart, `--name ${flags.release}`];
  if (flags.namespace) parts.push(`-n ${flags.namespace}`);
  for (const file of flags.values ?? []) parts.push(`-f ${file}`);
  for (const value of flags.set ?? []) parts.push(`--set ${value}`);
  for (const value of flags.setString ?? []) parts.push(`--set-string ${value}`);
  for (const value of flags.setJson ?? []) parts.push(`--set-json ${value}`);
  for (const value of flags.setFile ?? []) parts.push(`--set-file ${value}`);
  for (const value of flags.apiVersions ?? []) parts.push(`--api-versions ${value}`);
  if (flags.kubeVersion) parts.push(`--kube-version ${flags.kubeVersion}`);
  if (flags.includeCrds) parts.push('--include-crds');
  if (flags.skipTests) parts.push('--skip-tests');
  if (flags.isUpgrade) parts.push('--is-upgrade');
  return parts.join(' ');
}

/** The flags both tools take, with files resolved against the chart directory. */
export function sharedFlags(chartDir: string, flags: RenderFlags): string[] {
  const args = ['--namespace', flags.namespace ?? 'default'];
  for (const file of flags.values ?? []) args.push('--values', resolve(chartDir, file));
  for (const value of flags.set ?? []) args.push('--set', value);
  for (const value of flags.setString ?? []) args.push('--set-string', value);
  for (const value of flags.setJson ?? []) args.push('--set-json', value);
  for (const value of flags.setFile ?? []) {
    const [key, path] = splitOnce(value, '=');
    args.push('--set-file', `${key}=${resolve(chartDir, path)}`);
  }
  for (const value of flags.apiVersions ?? []) args.push('--api-versions', value);
  if (flags.kubeVersion) args.push('--kube-version', flags.kubeVersion);
  if (flags.includeCrds) args.push('--include-crds');
  if (flags.skipTests) args.push('--skip-tests');
  if (flags.isUpgrade) args.push('--is-upgrade');
  return args;
}

export function chartPath(testCase: RenderCase): string {
  return join(chartsDir, testCase.chart);
}

/**
 * kcc renders for the Kubernetes release it pins (src/cluster/controlplane-pin.ts) where helm
 * defaults to the one its client libraries were built with; a case without --kube-version gives
 * helm kcc's pin, so both render for the same cluster and kcc's own default is what is checked.
 */
function helmFlags(chartDir: string, flags: RenderFlags): string[] {
  const args = sharedFlags(chartDir, flags);
  if (!flags.kubeVersion) args.push('--kube-version', readKubernetesPin().kubernetes);
  return args;
}

export async function helmTemplate(chartDir: string, flags: RenderFlags): Promise<Outcome> {
  const run = await runProcess(helmBinary(), ['template', flags.release, chartDir, ...helmFlags(chartDir, flags)], { env: helmEnv() });
  return outcome(run, helmError);
}

export async function kccTemplate(chartDir: string, flags: RenderFlags, extra: string[] = []): Promise<Outcome> {
  const args = [KCC_BIN, 'template', chartDir, '--name', flags.release, ...sharedFlags(chartDir, flags), ...extra];
  const run = await runProcess(process.execPath, args, { env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return outcome(run, (text) => text.trim());
}

/**
 * helm's NOTES.txt for a case. `helm install --dry-run` needs a reachable cluster, so the notes are
 * rendered by `helm template` instead, through a template added to a scratch copy of the chart that
 * includes NOTES.txt (helm parses it with the other templates) into a ConfigMap.
 */
export async function helmNotes(chartDir: string, flags: RenderFlags): Promise<string> {
  const scratch = mkdtempSync(join(tmpdir(), 'kcc-helm-notes-'));
  try {
    const copy = join(scratch, basename(chartDir));
    cpSync(chartDir, copy, { recursive: true, dereference: true });
    const chartName = (parse(readFileSync(join(copy, 'Chart.yaml'), 'utf8')) as { name: string }).name;
    const capture = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: {{ include "${chartName}/templates/NOTES.txt" . | quote }}\n`;
    writeFileSync(join(copy, 'templates', 'zz-notes-capture.yaml'), capture);
    const args = ['template', flags.release, copy, ...helmFlags(chartDir, flags), '--show-only', 'templates/zz-notes-capture.yaml'];
    const run = await runProcess(helmBinary(), args, { env: helmEnv() });
    if (run.code !== 0) throw new Error(`helm could not render NOTES.txt: ${helmError(run.stderr)}`);
    return (parse(run.stdout) as { data: { notes: string } }).data.notes;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * undefined when kcc agrees with helm (the same documents in order, or both fail), else a short
 * description of the first difference.
 */
export function compareOutcomes(expected: Outcome, actual: Outcome): string | undefined {
  if (!expected.ok) return actual.ok ? `helm fails (${firstLine(expected.error)}) but kcc renders` : undefined;
  if (!actual.ok) return `kcc fails (exit ${actual.code}): ${firstLine(actual.error)}`;
  return compareDocuments(expected.documents, actual.documents);
}

export function compareDocuments(want: unknown[], got: unknown[]): string | undefined {
  if (want.length !== got.length) {
    return `${got.length} documents, helm gives ${want.length} (${want.map(identify).join(', ')} vs ${got.map(identify).join(', ')})`;
  }
  for (let i = 0; i < want.length; i++) {
    const path = firstDifference(want[i], got[i], '');
    if (path !== undefined) return `document ${i} (${identify(want[i])}) differs at ${path || '/'}`;
  }
  return undefined;
}


export function identify(document: unknown): string {
  const o = document as { kind?: string; metadata?: { name?: string } } | null;
  return `${o?.kind}/${o?.metadata?.name ?? ''}`;
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 240);
}

function outcome(run: KccRun, error: (stderr: string) => string): Outcome {
  if (run.code !== 0) return { ok: false, code: run.code, error: error(run.stderr) };
  return { ok: true, documents: parseDocuments(run.stdout), stderr: run.stderr };
}

function parseDocuments(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS())
    .filter((o) => o !== null && o !== undefined);
}

/** helm's stderr without its symlink notices (the charts share the library through a symlink). */
function helmError(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/found symbolic link in path/.test(line))
    .join('\n')
    .trim();
}

/** helm with no user configuration: no repositories, no plugins, no registry login, no kubeconfig. */
function helmEnv(): NodeJS.ProcessEnv {
  const home = join(tmpdir(), 'kcc-test-helm', 'home');
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: '/dev/null',
  };
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}

