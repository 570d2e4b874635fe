import { KccError } from '../../core/errors.js';
import { parseFastYaml } from '../../core/fast-yaml.js';
import { parseYamlDocument } from '../yaml-parse.js';
import { NoMatchingVersionError, pickVersion } from './chart-version.js';
import { basicAuthorization, httpGet, responseError, type TransportOptions } from './transport.js';

/** One chart version as a repository's index.yaml lists it. */
export interface IndexedChartVersion {
  name: string;
  version: string;
  /** Where the .tgz is: absolute, or relative to the repository URL. */
  urls: string[];
  /** sha256 of the .tgz, hex, when the index records it. */
  digest?: string;
}

/** A chart repository's index.yaml: chart name to its versions. */
export type RepositoryIndex = Map<string, IndexedChartVersion[]>;

/** Fetches and reads `<repository>/index.yaml`, keeping the repository URL's query (some hosts sign URLs). */
export async function fetchRepositoryIndex(repositoryUrl: string, options: TransportOptions): Promise<RepositoryIndex> {
  const indexUrl = new URL(repositoryUrl);
  indexUrl.pathname = `${indexUrl.pathname.replace(/\/+$/, '')}/index.yaml`;
  const response = await httpGet(indexUrl.toString(), authorizationFor(options), options);
  if (response.status !== 200) throw responseError(`cannot read the index of chart repository ${repositoryUrl}`, response);
  return parseRepositoryIndex(response.body.toString('utf8'), indexUrl.toString());
}

export function parseRepositoryIndex(text: string, source: string): RepositoryIndex {
  const data = readIndexYaml(text, source) as { entries?: Record<string, unknown[]> } | null;
  if (!data || typeof data !== 'object' || typeof data.entries !== 'object' || data.entries === null) {
    throw new KccError(`${source} is not a chart repository index: it has no entries`, {
      hint: 'the repository URL must be the directory that holds index.yaml (as for `helm repo add`)',
    });
  }
  const index: RepositoryIndex = new Map();
  for (const [name, entries] of Object.entries(data.entries)) {
    if (!Array.isArray(entries)) continue;
    const versions: IndexedChartVersion[] = [];
    for (const entry of entries as Record<string, unknown>[]) {
      if (!entry || typeof entry !== 'object' || entry.version === undefined) continue;
      versions.push({
        name,
        version: String(entry.version),
        urls: Array.isArray(entry.urls) ? entry.urls.map(String) : [],
        digest: typeof entry.digest === 'string' ? entry.digest : undefined,
      });
    }
    index.set(name, versions);
  }
  return index;
}

/**
 * Public indexes run to tens of megabytes of plain block YAML: the line reader takes them when it
 * can (several times faster than the full parser, see fast-yaml.ts), the full parser otherwise.
 */
function readIndexYaml(text: string, source: string): unknown {
  const fast = parseFastYaml(text.split('\n'));
  if (fast !== undefined) return fast;
  const document = parseYamlDocument(text);
  if (document.errors.length) {
    throw new KccError(`${source} is not a chart repository index: ${document.errors[0]!.message.split('\n')[0]}`, {
      hint: 'the repository URL must be the directory that holds index.yaml (as for `helm repo add`)',
    });
  }
  return document.toJS({ maxAliasCount: 100 });
}

/** The version of `name` Helm would pick for `constraint`; entries without a URL do not count (as in Helm). */
export function findChartVersion(
  index: RepositoryIndex,
  name: string,
  constraint: string | undefined,
  repositoryUrl: string,
  devel = false,
): IndexedChartVersion {
  const versions = (index.get(name) ?? []).filter((entry) => entry.urls.length > 0);
  if (versions.length === 0) {
    const available = [...index.keys()].slice(0, 20).join(', ') || 'no charts';
    throw new KccError(`chart "${name}" is not in repository ${repositoryUrl}`, { hint: `the repository has: ${available}` });
  }
  const version = pickVersion(versions.map((entry) => entry.version), constraint, devel);
  if (!version) {
    throw new NoMatchingVersionError(`no version of "${name}" in ${repositoryUrl} satisfies "${constraint ?? '*'}"`, {
      hint: `available: ${versions.slice(0, 10).map((entry) => entry.version).join(', ')}; change the version constraint`,
    });
  }
  return versions.find((entry) => entry.version === version)!;
}

/** A chart URL from the index, resolved against the repository URL (Helm adds the trailing slash first). */
export function resolveChartUrl(repositoryUrl: string, chartUrl: string): string {
  const base = new URL(repositoryUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const resolved = new URL(chartUrl, base);
  // A relative URL inherits the repository's query string (signed or token URLs), as in Helm.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(chartUrl) && !resolved.search && base.search) resolved.search = base.search;
  return resolved.toString();
}

export function authorizationFor(options: TransportOptions): Record<string, string> {
  return options.username !== undefined || options.password !== undefined
    ? { authorization: basicAuthorization(options.username ?? '', options.password ?? '') }
    : {};
}
