import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KccError } from '../../core/errors.js';

/** How kcc talks to chart repositories and registries: Helm's flags of the same names. */
export interface TransportOptions {
  /** Verify HTTPS servers with this CA bundle (PEM) instead of the system's. */
  caFile?: string;
  /** Client certificate and key (PEM) for servers that ask for one. */
  certFile?: string;
  keyFile?: string;
  /** Skip TLS certificate checks. @default false */
  insecureSkipTlsVerify?: boolean;
  /** OCI registries only: speak plain HTTP instead of HTTPS. @default false */
  plainHttp?: boolean;
  username?: string;
  password?: string;
  /** Send --username/--password to every host a chart URL points at, not only the repository's. @default false */
  passCredentials?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered, after redirects. */
  url: string;
}

const MAX_REDIRECTS = 10;

/**
 * One GET, following redirects. The Authorization header goes only to the host it was meant for:
 * registries redirect blob downloads to object stores that reject (or would leak) the token.
 */
export async function httpGet(url: string, headers: Record<string, string>, options: TransportOptions): Promise<HttpResponse> {
  let current = new URL(url);
  const originHost = current.host;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const sent = current.host === originHost ? headers : withoutAuthorization(headers);
    const response = await requestOnce(current, sent, options);
    const location = response.headers.location;
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current);
      continue;
    }
    return { ...response, url: current.toString() };
  }
  throw new KccError(`${url}: more than ${MAX_REDIRECTS} redirects`);
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function requestOnce(url: URL, headers: Record<string, string>, options: TransportOptions): Promise<Omit<HttpResponse, 'url'>> {
  const secure = url.protocol === 'https:';
  if (!secure && url.protocol !== 'http:') throw new KccError(`${url}: only http and https URLs can be fetched`);
  const tls = secure ? tlsOptions(options) : {};
  return new Promise((resolvePromise, reject) => {
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, { method: 'GET', headers: { 'user-agent': 'kcc', ...headers }, ...tls }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('no answer within 120 s')));
    req.on('error', (error) => {
      const hint = /certificate|self[- ]signed|CERT/i.test(error.message)
        ? 'pass the server\'s CA with --ca-file, or --insecure-skip-tls-verify to skip the check'
        : /wrong version number|EPROTO/i.test(error.message)
          ? 'the server speaks plain HTTP: add --plain-http'
          : undefined;
      reject(new KccError(`cannot reach ${url.origin}: ${error.message}`, { hint }));
    });
    req.end();
  });
}

function tlsOptions(options: TransportOptions): { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized?: boolean } {
  const read = (file: string | undefined, flag: string): Buffer | undefined => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new KccError(`cannot read ${flag} ${file}: ${(error as Error).message}`);
    }
  };
  return {
    ca: read(options.caFile, '--ca-file'),
    cert: read(options.certFile, '--cert-file'),
    key: read(options.keyFile, '--key-file'),
    ...(options.insecureSkipTlsVerify ? { rejectUnauthorized: false } : {}),
  };
}

export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A failed response as a KccError that says what the server said and what usually fixes it. */
export function responseError(what: string, response: HttpResponse): KccError {
  const text = response.body.toString('utf8').slice(0, 300).trim();
  const hint = response.status === 401 || response.status === 403
    ? 'pass credentials with --username/--password (or log in to the registry: `docker login` / `helm registry login`)'
    : response.status === 404
      ? 'check the URL, the chart name and the version'
      : undefined;
  return new KccError(`${what}: ${response.url} answered ${response.status}${text ? `: ${text}` : ''}`, { hint });
}
