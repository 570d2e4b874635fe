import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { packChartDirectory } from '../../../../src/chart/repository/chart-archive.js';
import { HELM_CHART_CONTENT_MEDIA_TYPE, HELM_CONFIG_MEDIA_TYPE } from '../../../../src/chart/repository/oci-registry.js';
import { writeChart } from '../chart-fixture.js';

/** A started loopback server: its base URL, the requests it saw, and how to stop it. */
export interface LoopbackServer {
  url: string;
  host: string;
  requests: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, tls?: { cert: Buffer; key: Buffer }): Promise<{ server: Server; host: string }> {
  const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function closer(server: Server): () => Promise<void> {
  return () => new Promise((resolvePromise) => {
    server.closeAllConnections();
    server.close(() => resolvePromise());
  });
}

/** A small chart (one ConfigMap template) packed as Helm lays archives out. */
export async function chartArchive(name: string, version: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const dir = writeChart({
    'Chart.yaml': `apiVersion: v2\nname: ${name}\nversion: ${version}\n`,
    'values.yaml': 'greeting: hello\n',
    'templates/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  version: "${version}"\n`,
    ...extra,
  });
  return packChartDirectory(dir, name);
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A static chart repository: `files` served as they are (index.yaml and archives), optionally
 * behind Basic auth. The index is written by the test, so URLs may be relative or absolute.
 */
export async function startChartRepository(files: Map<string, Buffer | string>, auth?: { username: string; password: string }, tls?: { cert: Buffer; key: Buffer }): Promise<LoopbackServer> {
  const requests: LoopbackServer['requests'] = [];
  const { server, host } = await listen((req, res) => {
    requests.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization });
    if (auth && req.headers.authorization !== `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="charts"' }).end('unauthorized');
      return;
    }
    const body = files.get(new URL(req.url!, 'http://x').pathname);
    if (body === undefined) res.writeHead(404).end('not found');
    else res.writeHead(200).end(body);
  }, tls);
  return { url: `${tls ? 'https' : 'http'}://${host}`, host, requests, close: closer(server) };
}

/** An index.yaml entry list, as `helm repo index` writes them (newest first is not required). */
export function indexYaml(entries: { name: string; version: string; url: string; digest?: string }[]): string {
  const byName = new Map<string, typeof entries>();
  for (const entry of entries) byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
  const lines = ['apiVersion: v1', 'entries:'];
  for (const [name, versions] of byName) {
    lines.push(`  ${name}:`);
    for (const version of versions) {
      lines.push('  - apiVersion: v2', `    name: ${name}`, `    version: ${version.version}`, '    created: "2026-01-01T00:00:00Z"');
      if (version.digest) lines.push(`    digest: ${version.digest}`);
      lines.push('    urls:', `    - ${version.url}`);
    }
  }
  lines.push('generated: "2026-01-01T00:00:00Z"');
  return `${lines.join('\n')}\n`;
}

export interface OciRegistry extends LoopbackServer {
  /** Stores a chart as `helm push` would: config blob, chart layer, manifest tagged by version. */
  push(repository: string, name: string, version: string, archive: Buffer, configMediaType?: string): void;
  /** Tokens the token endpoint handed out, with the login that asked (or "anonymous"). */
  issued: { scope: string; login: string }[];
}

/**
 * The OCI distribution API as far as pulling needs (tags, manifests, blobs; GET and HEAD), behind a
 * Bearer challenge whose realm is this server's /token. With `login`, tokens need that Basic login.
 */
export async function startOciRegistry(options: { login?: { username: string; password: string }; scheme?: 'bearer' | 'basic' } = {}): Promise<OciRegistry> {
  const requests: LoopbackServer['requests'] = [];
  const issued: OciRegistry['issued'] = [];
  const blobs = new Map<string, Buffer>();
  const manifests = new Map<string, Buffer>();
  const tags = new Map<string, string[]>();
  const validTokens = new Set<string>();
  const basic = options.login ? `Basic ${Buffer.from(`${options.login.username}:${options.login.password}`).toString('base64')}` : undefined;
  let host = '';
  const { server, host: address } = await listen((req, res) => {
    const url = new URL(req.url!, 'http://x');
    requests.push({ method: req.method!, path: req.url!, authorization: req.headers.authorization });
    if (url.pathname === '/token') {
      if (basic && req.headers.authorization !== basic) return void res.writeHead(401).end('bad login');
      const token = `t${validTokens.size}`;
      validTokens.add(token);
      issued.push({ scope: url.searchParams.get('scope') ?? '', login: req.headers.authorization ? 'basic' : 'anonymous' });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, access_token: token }));
      return;
    }
    const authorized = options.scheme === 'basic'
      ? req.headers.authorization === basic
      : validTokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!authorized) {
      const repository = /^\/v2\/(.+)\/(?:tags|manifests|blobs)\//.exec(url.pathname)?.[1];
      const challenge = options.scheme === 'basic'
        ? 'Basic realm="registry"'
        : `Bearer realm="http://${host}/token",service="loopback"${repository ? `,scope="repository:${repository}:pull"` : ''}`;
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    if (url.pathname === '/v2/') return void res.writeHead(200).end('{}');
    const route = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|blobs\/([^/]+))$/.exec(url.pathname);
    const [repository, , reference, digest] = route ? [route[1]!, route[2], route[3], route[4]] : [];
    let body: Buffer | undefined;
    let headers: Record<string, string> = {};
    if (route && route[2] === 'tags/list') {
      body = Buffer.from(JSON.stringify({ name: repository, tags: tags.get(repository!) ?? [] }));
      headers = { 'content-type': 'application/json' };
    } else if (reference) {
      const key = reference.startsWith('sha256:') ? reference : `${repository}:${reference}`;
      body = manifests.get(key);
      if (body) headers = { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': `sha256:${sha256(body)}` };
    } else if (digest) {
      body = blobs.get(digest);
      if (body) headers = { 'content-type': 'application/octet-stream', 'docker-content-digest': digest };
    }
    if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"NOT_FOUND"}]}');
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  host = address;
  const push: OciRegistry['push'] = (repository, name, version, archive, configMediaType = HELM_CONFIG_MEDIA_TYPE) => {
    const config = Buffer.from(JSON.stringify({ name, version, apiVersion: 'v2' }));
    const descriptor = (mediaType: string, bytes: Buffer) => {
      const digest = `sha256:${sha256(bytes)}`;
      blobs.set(digest, bytes);
      return { mediaType, digest, size: bytes.length };
    };
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      config: descriptor(configMediaType, config),
      layers: [descriptor(HELM_CHART_CONTENT_MEDIA_TYPE, archive)],
      annotations: { 'org.opencontainers.image.title': name, 'org.opencontainers.image.version': version },
    }));
    const tag = version.replace(/\+/g, '_');
    manifests.set(`${repository}:${tag}`, manifest);
    manifests.set(`sha256:${sha256(manifest)}`, manifest);
    tags.set(repository, [...(tags.get(repository) ?? []), tag]);
  };
  return { url: `http://${host}`, host, requests, issued, push, close: closer(server) };
}
