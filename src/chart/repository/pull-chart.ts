import { join } from 'node:path';
import { writeFileAtomically } from '../../core/cache-dir.js';
import { KccError } from '../../core/errors.js';
import { untarChart } from './chart-archive.js';
import { ChartFetcher, type FetchedChart, type FetchOptions } from './fetch-chart.js';
import { findNamedRepository } from './helm-repositories.js';
import { parseOciReference } from './oci-registry.js';

export interface PullOptions extends FetchOptions {
  /** A version or constraint. @default the newest release */
  version?: string;
  /** The chart repository to look the chart name up in (Helm's --repo). */
  repo?: string;
  /** Where the archive (or with `untar`, the chart directory) goes. @default "." */
  destination?: string;
  /** Unpack into `<destination>/<chart>` instead of keeping the .tgz. @default false */
  untar?: boolean;
}

export interface PullResult {
  version: string;
  /** The .tgz written, or with `untar` the chart directory. */
  path: string;
  source: string;
}

/**
 * `helm pull`: a chart by `oci://` reference, by archive URL, by name in `--repo URL`, or as
 * "repo/name" with a repository added through `helm repo add`.
 */
export async function pullChart(chart: string, options: PullOptions = {}): Promise<PullResult> {
  const fetched = await fetchForPull(chart, options, new ChartFetcher(options));
  const destination = options.destination ?? '.';
  if (options.untar) return { version: fetched.version, path: await untarChart(fetched.archive, destination, fetched.source), source: fetched.source };
  const path = join(destination, fetched.fileName);
  writeFileAtomically(path, fetched.archive);
  return { version: fetched.version, path, source: fetched.source };
}

async function fetchForPull(chart: string, options: PullOptions, fetcher: ChartFetcher): Promise<FetchedChart> {
  if (chart.startsWith('oci://')) {
    if (options.repo) {
      throw new KccError('--repo cannot be combined with an oci:// reference', { hint: 'put the whole reference in the argument: oci://HOST/PATH/CHART' });
    }
    const reference = parseOciReference(chart);
    if (reference.tag || reference.digest || !options.version) return fetcher.fetchOci(chart);
    return fetcher.fetch(chart.slice(0, chart.lastIndexOf('/')), chart.slice(chart.lastIndexOf('/') + 1), options.version);
  }
  if (options.repo) return fetcher.fetch(options.repo, chart, options.version);
  if (/^https?:\/\//.test(chart)) return fetcher.fetchUrl(chart);
  const slash = chart.indexOf('/');
  if (slash > 0 && !chart.includes('/', slash + 1)) {
    const repository = findNamedRepository(chart.slice(0, slash));
    return fetcher.fetch(repository.url, chart.slice(slash + 1), options.version);
  }
  throw new KccError(`cannot tell where to pull "${chart}" from`, {
    hint: 'give oci://HOST/PATH/CHART, a .tgz URL, or the chart name with --repo https://REPOSITORY',
  });
}
