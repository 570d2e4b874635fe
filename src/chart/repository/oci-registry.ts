import { createHash } from 'node:crypto';
import { KccError } from '../../core/errors.js';
import { NoMatchingVersionError, pickVersion } from './chart-version.js';
import { findRegistryCredential, registryConfigFiles, type RegistryCredential } from './registry-credentials.js';
import { basicAuthorization, httpGet, responseError, type HttpResponse, type TransportOptions } from './transport.js';

/** The media types Helm pushes a chart with (helm.sh/helm/v3/pkg/registry/constants.go). */
export const HELM_CONFIG_MEDIA_TYPE = 'application/vnd.cncf.helm.config.v1+json';
export const HELM_CHART_CONTENT_MEDIA_TYPE = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';
/** What charts pushed by Helm before 3.7 carry. */
const LEGACY_CHART_CONTENT_MEDIA_TYPE = 'application/tar+gzip';
const OCI_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

/** `oci://host[:port]/path/name[:tag|@sha256:...]`, split. */
export interface OciReference {
  host: string;
  /** The repository path inside the registry: "charts/redis". */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseOciReference(reference: string): OciReference {
  const match = /^oci:\/\/([^/]+)\/(.+)$/.exec(reference);
  if (!match) throw new KccError(`"${reference}" is not an OCI reference`, { hint: 'write oci://HOST/PATH/CHART, e.g. oci://ghcr.io/org/charts/app' });
  const host = match[1]!;
  let rest = match[2]!;
  let digest: string | undefined;
  let tag: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) [rest, digest] = [rest.slice(0, at), rest.slice(at + 1)];
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) [rest, tag] = [rest.slice(0, colon), rest.slice(colon + 1)];
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(rest)) {
    throw new KccError(`"${reference}": "${rest}" is not a valid OCI repository name`, { hint: 'use lowercase letters, digits, ".", "_", "-" and "/"' });
  }
  return { host, repository: rest, tag, digest };
}

/** A chart pulled from a registry: its archive and the version it says it is. */
export interface PulledOciChart {
  archive: Buffer;
  version: string;
  /** The manifest's digest, "sha256:...". */
  manifestDigest: string;
}

/**
 * A client for the OCI distribution API, as much as pulling Helm charts needs: the tag list,
 * manifests and blobs, behind the registries' auth challenge (Bearer token from the realm the
 * registry names, anonymous when no login is known; or Basic).
 */
export class OciRegistryClient {
  private readonly tokens = new Map<string, string>();
  private credential: RegistryCredential | null | undefined;

  constructor(private readonly options: TransportOptions & { registryConfig?: string } = {}) {}

  /** The tags of a repository, every page; Helm writes "+" of a version as "_" in tags. */
  async listTags(reference: OciReference): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${reference.repository}/tags/list`;
    while (path) {
      const response = await this.get(reference, path, { accept: 'application/json' });
      if (response.status !== 200) throw responseError(`cannot list the tags of oci://${reference.host}/${reference.repository}`, response);
      const body = parseJson(response, 'tag list') as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      path = nextPage(response.headers.link);
    }
    return tags;
  }

  /** The version a tag or constraint means: an existing tag as is, else the newest tag satisfying it. */
  async resolveVersion(reference: OciReference, constraint: string | undefined, devel = false): Promise<string> {
    const versions = (await this.listTags(reference)).map((tag) => tag.replace(/_/g, '+'));
    const version = pickVersion(versions, constraint, devel);
    if (!version) {
      throw new NoMatchingVersionError(`no tag of oci://${reference.host}/${reference.repository} satisfies "${constraint ?? '*'}"`, {
        hint: versions.length ? `tags: ${versions.slice(0, 10).join(', ')}` : 'the repository has no tags: push the chart first (`helm push`)',
      });
    }
    return version;
  }

  /** Pulls a chart by tag (a version) or digest; checks media types and every digest. */
  async pullChart(reference: OciReference): Promise<PulledOciChart> {
    const target = reference.digest ?? reference.tag?.replace(/\+/g, '_');
    if (!target) throw new KccError(`oci://${reference.host}/${reference.repository}: no tag or digest to pull`);
    const where = `oci://${reference.host}/${reference.repository}${reference.digest ? `@${reference.digest}` : `:${reference.tag}`}`;
    const manifestResponse = await this.get(reference, `/v2/${reference.repository}/manifests/${target}`, { accept: OCI_MANIFEST_MEDIA_TYPE });
    if (manifestResponse.status !== 200) throw responseError(`cannot read the manifest of ${where}`, manifestResponse);
    const manifestDigest = sha256Digest(manifestResponse.body);
    if (reference.digest && reference.digest !== manifestDigest) {
      throw new KccError(`${where}: the registry sent a manifest with digest ${manifestDigest}`, { hint: 'the registry or a proxy altered the manifest' });
    }
    const manifest = parseJson(manifestResponse, 'manifest') as { config?: Descriptor; layers?: Descriptor[] };
    if (manifest.config?.mediaType !== HELM_CONFIG_MEDIA_TYPE) {
      throw new KccError(`${where} is not a Helm chart: its config media type is ${manifest.config?.mediaType ?? 'missing'}, not ${HELM_CONFIG_MEDIA_TYPE}`, {
        hint: 'push charts with `helm push`; container images cannot be used as charts',
      });
    }
    const isChartLayer = (candidate: Descriptor) => candidate.mediaType === HELM_CHART_CONTENT_MEDIA_TYPE || candidate.mediaType === LEGACY_CHART_CONTENT_MEDIA_TYPE;
    const layer = (manifest.layers ?? []).find(isChartLayer);
    if (!layer) throw new KccError(`${where} has no chart layer (${HELM_CHART_CONTENT_MEDIA_TYPE})`);
    const config = JSON.parse((await this.fetchBlob(reference, manifest.config, where)).toString('utf8')) as { version?: string };
    const archive = await this.fetchBlob(reference, layer, where);
    return { archive, version: config.version ?? reference.tag ?? '', manifestDigest };
  }

  private async fetchBlob(reference: OciReference, descriptor: Descriptor, where: string): Promise<Buffer> {
    const response = await this.get(reference, `/v2/${reference.repository}/blobs/${descriptor.digest}`, {});
    if (response.status !== 200) throw responseError(`cannot download blob ${descriptor.digest} of ${where}`, response);
    const digest = sha256Digest(response.body);
    if (digest !== descriptor.digest || (descriptor.size !== undefined && response.body.length !== descriptor.size)) {
      throw new KccError(`${where}: blob ${descriptor.digest} arrived with digest ${digest} and ${response.body.length} bytes`, {
        hint: 'the download was corrupted or altered; try again',
      });
    }
    return response.body;
  }

  /**
   * A GET that answers the registry's 401 challenge once: Bearer (fetch a token for the scope the
   * challenge names, with the stored login if any, else anonymously) or Basic.
   */
  private async get(reference: OciReference, path: string, headers: Record<string, string>): Promise<HttpResponse> {
    const url = `${this.options.plainHttp ? 'http' : 'https'}://${reference.host}${path}`;
    const scope = `repository:${reference.repository}:pull`;
    const cached = this.tokens.get(`${reference.host} ${scope}`);
    const first = await httpGet(url, { ...headers, ...(cached ? { authorization: cached } : {}) }, this.options);
    if (first.status !== 401) return first;
    const challenge = parseChallenge(first.headers['www-authenticate']);
    if (!challenge) return first;
    const credential = this.credentialFor(reference.host);
    let authorization: string;
    if (challenge.scheme === 'basic') {
      if (!credential) return first;
      authorization = basicAuthorization(credential.username, credential.password);
    } else {
      authorization = `Bearer ${await this.fetchToken(challenge.params, challenge.params.scope ?? scope, credential)}`;
    }
    this.tokens.set(`${reference.host} ${scope}`, authorization);
    return httpGet(url, { ...headers, authorization }, this.options);
  }

  private async fetchToken(params: Record<string, string>, scope: string, credential: RegistryCredential | undefined): Promise<string> {
    if (!params.realm) throw new KccError('the registry asked for a bearer token but named no realm to get it from');
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    tokenUrl.searchParams.set('scope', scope);
    const headers: Record<string, string> = credential ? { authorization: basicAuthorization(credential.username, credential.password) } : {};
    const response = await httpGet(tokenUrl.toString(), headers, this.options);
    if (response.status !== 200) throw responseError(`cannot get a registry token${credential ? '' : ' (anonymously)'}`, response);
    const body = parseJson(response, 'token') as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new KccError(`${response.url} answered without a token`);
    return token;
  }

  private credentialFor(host: string): RegistryCredential | undefined {
    if (this.options.username !== undefined || this.options.password !== undefined) {
      return { username: this.options.username ?? '', password: this.options.password ?? '' };
    }
    // Read the config files only when a registry asks: most pulls are anonymous.
    if (this.credential === undefined) this.credential = findRegistryCredential(host, registryConfigFiles(this.options.registryConfig)) ?? null;
    return this.credential ?? undefined;
  }
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
}

function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function parseJson(response: HttpResponse, what: string): unknown {
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new KccError(`${response.url} sent a ${what} that is not JSON`);
  }
}

/** `Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"` */
export function parseChallenge(header: string | undefined): { scheme: 'bearer' | 'basic'; params: Record<string, string> } | undefined {
  if (!header) return undefined;
  const match = /^\s*(\w+)\s*(.*)$/.exec(header);
  const scheme = match?.[1]?.toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'basic') return undefined;
  const params: Record<string, string> = {};
  for (const pair of match![2]!.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[pair[1]!.toLowerCase()] = pair[2] ?? pair[3] ?? '';
  return { scheme, params };
}

/** The path of the next page from an RFC 5988 Link header (`</v2/x/tags/list?last=a&n=100>; rel="next"`). */
function nextPage(link: string | string[] | undefined): string | undefined {
  const header = Array.isArray(link) ? link.join(',') : link;
  const match = header ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(header) : null;
  if (!match) return undefined;
  const url = new URL(match[1]!, 'http://registry.invalid');
  return `${url.pathname}${url.search}`;
}
