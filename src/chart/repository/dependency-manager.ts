import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomically } from '../../core/cache-dir.js';
import { KccError } from '../../core/errors.js';
import { readYamlFile } from '../load-chart.js';
import { isValidConstraint, satisfiesConstraint } from '../semver-constraint.js';
import { packChartDirectory } from './chart-archive.js';
import { formatChartLock, lockDigest, readChartLock, toLockDependency, type ChartLock, type LockDependency } from './chart-lock.js';
import { NoMatchingVersionError } from './chart-version.js';
import { ChartFetcher, isOciRepository, type FetchOptions } from './fetch-chart.js';
import { findNamedRepository, repositoryAlias } from './helm-repositories.js';

export interface DependencyOptions extends FetchOptions {
  /** Progress lines ("Downloading redis 19.0.1 from ..."). @default none */
  log?: (line: string) => void;
  /** The time written as `generated` (tests pin it). @default now */
  now?: Date;
}

export interface DependencyUpdateResult {
  lock: ChartLock;
  /** Whether Chart.lock was (re)written: Helm leaves it alone when the digest did not change. */
  lockWritten: boolean;
  /** Archives written under charts/. */
  archives: string[];
  /** Archives removed from charts/ because no dependency needs them any more. */
  removed: string[];
}

/**
 * `helm dependency update`: resolve each Chart.yaml dependency to one version (newest satisfying
 * its constraint), download them into charts/<name>-<version>.tgz, remove archives no dependency
 * needs, and write Chart.lock.
 */
export async function updateDependencies(chartDir: string, options: DependencyOptions = {}): Promise<DependencyUpdateResult> {
  const requested = await readRequestedDependencies(chartDir);
  const fetcher = new ChartFetcher(options);
  const locked: LockDependency[] = [];
  const unsatisfied: string[] = [];
  for (const dependency of requested) {
    const version = await lockVersion(chartDir, dependency, fetcher);
    if (version === undefined) unsatisfied.push(`${dependency.name} (repository "${dependency.repository}", version "${dependency.version ?? ''}")`);
    locked.push({ name: dependency.name, ...(version ? { version } : {}), repository: dependency.repository });
  }
  if (unsatisfied.length) {
    throw new KccError(`no version satisfies the constraint of ${unsatisfied.join(', ')}`, {
      location: { kind: 'yaml', file: join(chartDir, 'Chart.yaml') },
      hint: 'change the version constraint in Chart.yaml',
    });
  }
  const lock: ChartLock = { dependencies: locked, digest: lockDigest(requested, locked), generated: goTime(options.now ?? new Date()) };
  const { archives, removed } = await downloadAll(chartDir, locked, fetcher, options);
  const previous = readChartLock(chartDir);
  const lockWritten = previous?.digest !== lock.digest;
  if (lockWritten) writeFileAtomically(join(chartDir, 'Chart.lock'), formatChartLock(lock));
  return { lock: lockWritten ? lock : previous!, lockWritten, archives, removed };
}

/**
 * `helm dependency build`: fetch exactly what Chart.lock names. Without a lock it is an update;
 * a lock whose digest no longer matches Chart.yaml is refused.
 */
export async function buildDependencies(chartDir: string, options: DependencyOptions = {}): Promise<DependencyUpdateResult> {
  const lock = readChartLock(chartDir);
  if (!lock) return updateDependencies(chartDir, options);
  const requested = await readRequestedDependencies(chartDir);
  if (lockDigest(requested, lock.dependencies) !== lock.digest) {
    throw new KccError('Chart.lock is out of sync with the dependencies in Chart.yaml', {
      location: { kind: 'yaml', file: join(chartDir, 'Chart.lock') },
      hint: `run \`kcc chart dependency update ${chartDir}\` to resolve them again`,
    });
  }
  const { archives, removed } = await downloadAll(chartDir, lock.dependencies, new ChartFetcher(options), options);
  return { lock, lockWritten: false, archives, removed };
}

export type DependencyState = 'ok' | 'missing' | 'wrong version' | 'unpacked';

export interface DependencyStatus {
  name: string;
  version: string;
  repository: string;
  status: DependencyState;
}

/** `helm dependency list`: each dependency and whether charts/ holds a version that satisfies it. */
export async function listDependencies(chartDir: string): Promise<DependencyStatus[]> {
  const requested = await readRequestedDependencies(chartDir, false);
  const present = await chartsDirectoryContents(chartDir);
  return requested.map((dependency) => {
    const candidates = present.filter((chart) => chart.name === dependency.name);
    const satisfying = candidates.find((chart) => !dependency.version || satisfiesConstraint(chart.version, dependency.version));
    const status: DependencyState = !candidates.length ? 'missing' : !satisfying ? 'wrong version' : satisfying.archive ? 'ok' : 'unpacked';
    return { name: dependency.name, version: dependency.version ?? '', repository: dependency.repository, status };
  });
}

/**
 * Chart.yaml's dependencies as Helm decodes them. "@name" repositories are replaced by their URL
 * before hashing, as Helm does, so the lock digest matches Helm's.
 */
async function readRequestedDependencies(chartDir: string, forResolution = true): Promise<LockDependency[]> {
  const file = join(chartDir, 'Chart.yaml');
  if (!existsSync(file)) throw new KccError(`${chartDir} is not a chart: it has no Chart.yaml`, { hint: 'pass the chart directory' });
  const chart = (await readYamlFile(file)) as { dependencies?: unknown } | null;
  const raw = chart?.dependencies ?? [];
  if (!Array.isArray(raw)) throw new KccError('dependencies must be a list', { location: { kind: 'yaml', file }, field: 'dependencies' });
  return raw.map((entry: unknown, index) => {
    const field = `dependencies[${index}]`;
    if (!entry || typeof entry !== 'object' || typeof (entry as { name?: unknown }).name !== 'string') {
      throw new KccError('a dependency needs a name', { location: { kind: 'yaml', file }, field });
    }
    const dependency = toLockDependency(entry as Record<string, unknown>);
    if (dependency.version === undefined && forResolution) {
      // Helm refuses it too ("improper constraint"): a lock needs something to resolve.
      throw new KccError(`dependency "${dependency.name}" has no version constraint`, {
        location: { kind: 'yaml', file },
        field: `${field}.version`,
        hint: 'add one, e.g. version: "^1.2.0", or version: "*" for the newest release',
      });
    }
    if (dependency.version !== undefined && !isValidConstraint(dependency.version)) {
      throw new KccError(`dependency "${dependency.name}" has an invalid version constraint "${dependency.version}"`, {
        location: { kind: 'yaml', file },
        field: `${field}.version`,
      });
    }
    const alias = repositoryAlias(dependency.repository);
    if (alias !== undefined && forResolution) dependency.repository = findNamedRepository(alias).url;
    return dependency;
  });
}

/** The version Chart.lock records: the constraint for charts/ dependencies, else the chosen version. */
async function lockVersion(chartDir: string, dependency: LockDependency, fetcher: ChartFetcher): Promise<string | undefined> {
  const { name, repository, version: constraint } = dependency;
  if (repository === '') {
    if (!existsSync(join(chartDir, 'charts', name))) {
      throw new KccError(`dependency "${name}" has no repository and ${join(chartDir, 'charts', name)} does not exist`, {
        location: { kind: 'yaml', file: join(chartDir, 'Chart.yaml') },
        hint: 'set its repository (https://..., oci://... or file://...), or put the chart in charts/',
      });
    }
    return constraint;
  }
  if (repository.startsWith('file://')) {
    const version = await localChartVersion(chartDir, repository);
    return !constraint || satisfiesConstraint(version, constraint) ? version : undefined;
  }
  if (isOciRepository(repository) && constraint && isExactVersion(constraint)) return constraint;
  if (!/^(https?|oci):\/\//.test(repository)) {
    throw new KccError(`dependency "${name}": repository "${repository}" is not a URL`, {
      location: { kind: 'yaml', file: join(chartDir, 'Chart.yaml') },
      hint: 'write https://..., oci://..., file://... or "@name" for a repository added with `helm repo add`',
    });
  }
  try {
    return await fetcher.resolveVersion(repository, name, constraint);
  } catch (error) {
    if (error instanceof NoMatchingVersionError) return undefined;
    throw error;
  }
}

/**
 * Downloads every locked dependency, then writes them into charts/ together and removes archives
 * no dependency needs (keeping charts of dependencies that live in charts/ unpacked): a failed
 * download leaves charts/ as it was.
 */
async function downloadAll(
  chartDir: string,
  locked: LockDependency[],
  fetcher: ChartFetcher,
  options: DependencyOptions,
): Promise<{ archives: string[]; removed: string[] }> {
  const log = options.log ?? (() => {});
  const chartsDir = join(chartDir, 'charts');
  const downloads = new Map<string, Buffer>();
  const seen = new Set<string>();
  for (const dependency of locked) {
    const { name, repository, version } = dependency;
    if (repository === '') {
      const local = await localChartVersion(chartDir, `file://charts/${name}`);
      if (version && !satisfiesConstraint(local, version)) {
        throw new KccError(`dependency ${name} at version ${local} does not satisfy the constraint ${version}`, {
          location: { kind: 'yaml', file: join(chartDir, 'Chart.yaml') },
        });
      }
      continue;
    }
    if (repository.startsWith('file://')) {
      const dir = localChartDir(chartDir, repository);
      const chartName = String(((await readYamlFile(join(dir, 'Chart.yaml'))) as { name?: unknown }).name);
      log(`Packing ${name} ${version} from ${repository}`);
      downloads.set(`${chartName}-${version}.tgz`, await packChartDirectory(dir, chartName));
      continue;
    }
    const key = `${repository} ${name} ${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    log(`Downloading ${name} ${version} from ${repository}`);
    const fetched = await fetcher.fetch(repository, name, version);
    downloads.set(fetched.fileName, fetched.archive);
  }
  mkdirSync(chartsDir, { recursive: true });
  const localNames = new Set(locked.filter((dependency) => dependency.repository === '').map((dependency) => dependency.name));
  const removed: string[] = [];
  for (const chart of await chartsDirectoryContents(chartDir)) {
    if (!chart.archive || downloads.has(chart.file) || localNames.has(chart.name)) continue;
    rmSync(join(chartsDir, chart.file));
    removed.push(join(chartsDir, chart.file));
  }
  const archives: string[] = [];
  for (const [file, archive] of downloads) {
    writeFileAtomically(join(chartsDir, file), archive);
    archives.push(join(chartsDir, file));
  }
  return { archives, removed };
}

interface PresentChart {
  file: string;
  name: string;
  version: string;
  archive: boolean;
}

/** The charts under charts/: directories and archives, with the name and version they declare. */
async function chartsDirectoryContents(chartDir: string): Promise<PresentChart[]> {
  const chartsDir = join(chartDir, 'charts');
  if (!existsSync(chartsDir)) return [];
  const present: PresentChart[] = [];
  for (const file of readdirSync(chartsDir).sort()) {
    const path = join(chartsDir, file);
    const archive = statSync(path).isFile();
    if (archive && !/\.(tgz|tar\.gz)$/.test(file)) continue;
    try {
      const dir = archive ? await (await import('../packaged-chart.js')).unpackChart(path) : path;
      const metadata = (await readYamlFile(join(dir, 'Chart.yaml'))) as { name?: unknown; version?: unknown };
      present.push({ file, name: String(metadata.name), version: String(metadata.version), archive });
    } catch {
      // Not a chart (Helm skips such files too).
    }
  }
  return present;
}

function localChartDir(chartDir: string, repository: string): string {
  const path = repository.slice('file://'.length);
  return resolve(chartDir, path);
}

async function localChartVersion(chartDir: string, repository: string): Promise<string> {
  const dir = localChartDir(chartDir, repository);
  const file = join(dir, 'Chart.yaml');
  if (!existsSync(file)) {
    throw new KccError(`${repository}: ${dir} is not a chart directory (no Chart.yaml)`, { location: { kind: 'yaml', file: join(chartDir, 'Chart.yaml') } });
  }
  return String(((await readYamlFile(file)) as { version?: unknown }).version);
}

function isExactVersion(constraint: string): boolean {
  return /^v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.test(constraint);
}

/** Go's time.RFC3339Nano in UTC ("2026-12-03T18:20:11.657Z"): trailing zeros of the fraction dropped. */
function goTime(date: Date): string {
  return date.toISOString().replace(/\.?0+Z$/, 'Z');
}

