import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { KccError } from '../../core/errors.js';
import { readArchiveMetadata } from './chart-archive.js';
import { helmRepositorySettings } from './helm-repositories.js';
import { OciRegistryClient, parseOciReference } from './oci-registry.js';
import { authorizationFor, fetchRepositoryIndex, findChartVersion, resolveChartUrl, type RepositoryIndex } from './repository-index.js';
import { httpGet, responseError, type TransportOptions } from './transport.js';

export interface FetchOptions extends TransportOptions {
  /** Registry login file to read instead of Helm's default (Docker's is read after it). */
  registryConfig?: string;
  /** Accept prereleases when no version is given (Helm's --devel). @default false */
  devel?: boolean;
  /** Fail (instead of warn) when a downloaded archive does not match the index's digest. @default false */
  strict?: boolean;
  /** Where warnings go. @default process.stderr */
  warn?: (message: string) => void;
}

/** A chart archive fetched from a repository or registry, and the name Helm saves it under. */
export interface FetchedChart {
  version: string;
  archive: Buffer;
  fileName: string;
  /** Where it came from, for messages. */
  source: string;
}

/**
 * Fetches chart archives, remembering each repository index and registry client for the run so a
 * chart with many dependencies from one repository downloads its index once.
 */
export class ChartFetcher {
  private readonly indexes = new Map<string, Promise<RepositoryIndex>>();
  private readonly registries = new Map<string, OciRegistryClient>();

  constructor(private readonly options: FetchOptions = {}) {}

  /** The version of `name` a constraint selects in a repository (https:// or oci://). */
  async resolveVersion(repository: string, name: string, constraint: string | undefined): Promise<string> {
    if (isOciRepository(repository)) {
      return this.registry(repository).resolveVersion(parseOciReference(`${trimSlash(repository)}/${name}`), constraint, this.options.devel);
    }
    return findChartVersion(await this.index(repository), name, constraint, repository, this.options.devel).version;
  }

  /** Downloads one exact version (a constraint is resolved first, as Helm does). */
  async fetch(repository: string, name: string, constraint: string | undefined): Promise<FetchedChart> {
    if (isOciRepository(repository)) {
      const version = await this.resolveVersion(repository, name, constraint);
      return this.fetchOci(`${trimSlash(repository)}/${name}:${version}`);
    }
    const entry = findChartVersion(await this.index(repository), name, constraint, repository, this.options.devel);
    const url = resolveChartUrl(repository, entry.urls[0]!);
    const options = this.repositoryOptions(repository);
    const sameHost = new URL(url).host === new URL(repository).host;
    const headers = sameHost || options.passCredentials ? authorizationFor(options) : {};
    const response = await httpGet(url, headers, options);
    if (response.status !== 200) throw responseError(`cannot download ${name} ${entry.version}`, response);
    this.checkDigest(response.body, entry.digest, `${name} ${entry.version} from ${url}`);
    return { version: entry.version, archive: response.body, fileName: basename(new URL(url).pathname), source: url };
  }

  /** `oci://host/path/name:tag` or `@sha256:...`; without either, the newest version tag. */
  async fetchOci(reference: string): Promise<FetchedChart> {
    let parsed = parseOciReference(reference);
    const client = this.registry(reference);
    if (!parsed.tag && !parsed.digest) parsed = { ...parsed, tag: await client.resolveVersion(parsed, undefined, this.options.devel) };
    const pulled = await client.pullChart(parsed);
    const name = parsed.repository.split('/').at(-1)!;
    return { version: pulled.version, archive: pulled.archive, fileName: `${name}-${pulled.version}.tgz`, source: reference };
  }

  /** A chart given by URL (`https://host/charts/app-1.0.0.tgz`), as `helm pull URL` takes it. */
  async fetchUrl(url: string): Promise<FetchedChart> {
    const response = await httpGet(url, authorizationFor(this.options), this.options);
    if (response.status !== 200) throw responseError('cannot download the chart', response);
    const metadata = await readArchiveMetadata(response.body);
    if (!metadata) throw new KccError(`${url} is not a chart archive (no Chart.yaml inside)`, { hint: 'give the URL of a .tgz made by `helm package`' });
    return { version: metadata.version, archive: response.body, fileName: basename(new URL(url).pathname), source: url };
  }

  private index(repository: string): Promise<RepositoryIndex> {
    const key = trimSlash(repository);
    let index = this.indexes.get(key);
    if (!index) {
      index = fetchRepositoryIndex(repository, this.repositoryOptions(repository));
      this.indexes.set(key, index);
    }
    return index;
  }

  /**
   * The flags, over what `helm repo add` recorded for this URL (its login and TLS files), so
   * charts from repositories Helm already knows need no flags, as with helm.
   */
  private repositoryOptions(repository: string): FetchOptions {
    return { ...helmRepositorySettings(repository), ...definedOnly(this.options) };
  }

  private registry(reference: string): OciRegistryClient {
    const host = parseOciReference(reference.includes('/', 'oci://'.length) ? reference : `${reference}/x`).host;
    let client = this.registries.get(host);
    if (!client) {
      client = new OciRegistryClient(this.options);
      this.registries.set(host, client);
    }
    return client;
  }

  /**
   * Helm does not compare a download with the index's digest; kcc does. A mismatch (a changed
   * archive, a stale index) is a warning, and an error with --strict.
   */
  private checkDigest(archive: Buffer, expected: string | undefined, what: string): void {
    if (!expected) return;
    const actual = createHash('sha256').update(archive).digest('hex');
    if (actual === expected.replace(/^sha256:/, '')) return;
    const message = `${what} has sha256 ${actual}, but the repository index says ${expected}`;
    if (this.options.strict) throw new KccError(message, { hint: 'the archive changed after the index was written; ask the repository owner to re-index it' });
    (this.options.warn ?? ((text: string) => process.stderr.write(`warning: ${text}\n`)))(message);
  }
}

export function isOciRepository(repository: string): boolean {
  return repository.startsWith('oci://');
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== false)) as Partial<T>;
}

function trimSlash(text: string): string {
  return text.replace(/\/+$/, '');
}
