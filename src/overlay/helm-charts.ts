import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import type { HelmChartEntry, HelmGlobals } from './kustomization-types.js';
import { isDirectory, type FileLoader } from './loader.js';
import { readResources } from './read-resources.js';
import type { Resource } from './resource.js';

/** `kcc build --enable-helm`: how to run helm, as kustomize's HelmConfig. */
export interface HelmOptions {
  enabled: boolean;
  /** The helm executable (kustomize's --helm-command); default `helm`. */
  command?: string;
  /** Capabilities.APIVersions and KubeVersion for every chart, overriding the kustomization's. */
  apiVersions?: string[];
  kubeVersion?: string;
}

const MERGE_OPTIONS = ['merge', 'override', 'replace'];

/**
 * kustomize's HelmChartInflationGenerator: each `helmCharts` entry is rendered by `helm template`
 * from `<chartHome>/<name>` (pulled there first when missing and a repo is given), with the chart's
 * values file (or `valuesFile`) combined with `valuesInline` as `valuesMerge` says.
 */
export function inflateHelmCharts(
  charts: HelmChartEntry[],
  globals: HelmGlobals | undefined,
  helm: HelmOptions | undefined,
  loader: FileLoader,
  locate: (index: number, field?: string) => SourceLocation,
): Resource[] {
  if (!helm?.enabled) {
    throw new KccError('rendering charts needs --enable-helm: kcc build, like kustomize, runs helm only when asked', {
      location: locate(0),
      field: 'helmCharts',
      hint: 'kcc build --enable-helm DIR (and --helm-command PATH when helm is not on PATH)',
    });
  }
  const command = helm.command ?? process.env.KCC_HELM ?? 'helm';
  const scratch = mkdtempSync(join(tmpdir(), 'kcc-helm-'));
  try {
    return charts.flatMap((chart, index) => inflateOne(chart, index, globals ?? {}, { ...helm, command }, loader, locate, scratch));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function inflateOne(
  chart: HelmChartEntry,
  index: number,
  globals: HelmGlobals,
  helm: HelmOptions & { command: string },
  loader: FileLoader,
  locate: (index: number, field?: string) => SourceLocation,
  scratch: string,
): Resource[] {
  const where = locate(index);
  const field = `helmCharts[${index}]`;
  if (!chart.name) throw new KccError('the chart has no name', { location: where, field, hint: 'name the chart: the directory under chartHome (default charts/)' });
  if (chart.valuesMerge !== undefined && !MERGE_OPTIONS.includes(chart.valuesMerge)) {
    throw new KccError(`valuesMerge must be one of ${MERGE_OPTIONS.join(', ')}, not '${chart.valuesMerge}'`, { location: locate(index, 'valuesMerge'), field: `${field}.valuesMerge` });
  }
  if (chart.digest && !chart.repo?.startsWith('oci://')) {
    throw new KccError(`digest is only supported for OCI repos (repo: oci://...)`, { location: where, field: `${field}.digest` });
  }
  const chartHome = absoluteChartHome(chart, globals, loader, where);
  const chartDir = join(chartHome, chart.name);
  const configHome = globals.configHome ? (isAbsolute(globals.configHome) ? globals.configHome : join(loader.root, globals.configHome)) : join(scratch, 'helm');
  const run = (args: string[]): string => runHelm(helm.command, args, configHome, where, field);
  if (!isDirectory(chartDir)) {
    if (!chart.repo) {
      throw new KccError(`no chart at ${relative(process.cwd(), chartDir) || chartDir} and no repo to pull it from`, {
        location: where,
        field,
        hint: `put the chart in ${relative(loader.root, chartDir)}, or give repo: (and version:) so it can be pulled`,
      });
    }
    run(pullArgs(chart, chartHome));
  }

  const valuesPath = chart.valuesFile ? loader.resolveFile(chart.valuesFile, locate(index, 'valuesFile'), `${field}.valuesFile`) : join(chartDir, 'values.yaml');
  const readValues = (): string => loader.readText(relative(loader.root, valuesPath), locate(index, 'valuesFile'), `${field}.valuesFile`).text;
  let valuesFile = valuesPath;
  if (chart.valuesInline && Object.keys(chart.valuesInline).length > 0) {
    const inline = chart.valuesInline;
    let merged: Record<string, unknown> = inline;
    if (chart.valuesMerge !== 'replace') {
      const fromFile = parseValues(readValues(), valuesPath, locate(index, 'valuesFile'));
      merged = chart.valuesMerge === 'merge' ? mergeValues(structuredClone(inline), fromFile) : mergeValues(fromFile, inline);
    }
    valuesFile = join(scratch, `${chart.name}-${index}-kustomize-values.yaml`);
    writeFileSync(valuesFile, stringify(merged, { sortMapEntries: true }));
  } else {
    readValues(); // kustomize refuses a values file it cannot load (or one outside the root)
  }
  const additional = (chart.additionalValuesFiles ?? []).map((file, i) => {
    const path = loader.resolveFile(file, locate(index, 'additionalValuesFiles'), `${field}.additionalValuesFiles[${i}]`);
    if (!existsSync(path)) throw new KccError(`'${file}' does not exist`, { location: locate(index, 'additionalValuesFiles'), field: `${field}.additionalValuesFiles[${i}]` });
    return path;
  });

  const output = run(templateArgs(chart, chartDir, [valuesFile, ...additional], helm));
  const label = `${relative(process.cwd(), chartDir) || chartDir} (helmCharts[${index}])`;
  try {
    return readResources(output, label);
  } catch (error) {
    throw new KccError(`helm template printed output kcc cannot read: ${(error as Error).message}`, { location: where, field, cause: error });
  }
}

/** `<chartHome>` or, for a versioned chart from a repo, `<chartHome>/<name>-<version>` (kustomize's layout). */
function absoluteChartHome(chart: HelmChartEntry, globals: HelmGlobals, loader: FileLoader, where: SourceLocation): string {
  const home = globals.chartHome ?? 'charts';
  const base = isAbsolute(home) ? home : join(loader.root, home);
  return chart.version && chart.repo ? join(base, `${chart.name}-${chart.version}`) : base;
}

function pullArgs(chart: HelmChartEntry, chartHome: string): string[] {
  const args = ['pull', '--untar', '--untardir', chartHome];
  if (chart.repo!.startsWith('oci://')) args.push(`${chart.repo!.replace(/\/$/, '')}/${chart.name}${chart.digest ? `@${chart.digest}` : ''}`);
  else args.push('--repo', chart.repo!, chart.name!);
  if (chart.version) args.push('--version', chart.version);
  if (chart.devel) args.push('--devel');
  return args;
}

/** The arguments kustomize passes to `helm template`, except a fixed release name where it would generate a random one. */
function templateArgs(chart: HelmChartEntry, chartDir: string, valuesFiles: string[], helm: HelmOptions): string[] {
  // kustomize passes --generate-name (a random name per run); kcc output must be reproducible.
  const args = ['template', chart.releaseName || 'release-name', chartDir];
  if (chart.namespace) args.push('--namespace', chart.namespace);
  if (chart.nameTemplate) args.push('--name-template', chart.nameTemplate);
  for (const file of valuesFiles) args.push('-f', file);
  for (const version of helm.apiVersions?.length ? helm.apiVersions : (chart.apiVersions ?? [])) args.push('--api-versions', version);
  const kubeVersion = helm.kubeVersion || chart.kubeVersion;
  if (kubeVersion) args.push('--kube-version', kubeVersion);
  if (chart.includeCRDs) args.push('--include-crds');
  if (chart.skipTests) args.push('--skip-tests');
  if (chart.skipHooks) args.push('--no-hooks');
  if (chart.devel) args.push('--devel');
  return args;
}

function runHelm(command: string, args: string[], configHome: string, where: SourceLocation, field: string): string {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HELM_CONFIG_HOME: configHome, HELM_CACHE_HOME: `${configHome}/.cache`, HELM_DATA_HOME: `${configHome}/.data` },
    });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new KccError(`helm command '${command}' not found`, { location: where, field, hint: 'install helm v3, or pass --helm-command PATH' });
    }
    const detail = (failure.stderr ?? '').trim().split('\n').filter(Boolean).slice(-3).join('; ') || failure.message;
    throw new KccError(`'helm ${args.join(' ')}' failed: ${detail}`, { location: where, field });
  }
}

function parseValues(text: string, file: string, where: SourceLocation): Record<string, unknown> {
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length) throw new KccError(`cannot parse values ${file}: ${doc.errors[0]!.message.split('\n')[0]}`, { location: where });
  const value = doc.toJS() as unknown;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * kyaml's merge2 as kustomize calls it for valuesMerge (no schema): `source` wins; a null in `source`
 * deletes the key; maps merge recursively; lists are replaced whole (measured against kustomize v5.5).
 */
export function mergeValues(dest: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const current = dest[key];
    if (value === null) delete dest[key];
    else if (isMap(value) && isMap(current)) dest[key] = mergeValues(current, value);
    else dest[key] = value;
  }
  return dest;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
