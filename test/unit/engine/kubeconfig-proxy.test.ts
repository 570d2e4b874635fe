import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { isKccError } from '../../../src/core/errors.js';
import https from 'node:https';
import { ConnectProxyAgent } from '../../../src/engine/connect-proxy-agent.js';
import { KubeClient } from '../../../src/engine/kube-client.js';
import { loadCredentials } from '../../../src/engine/kubeconfig-credentials.js';
import { proxyFromEnvironment } from '../../../src/engine/proxy-from-environment.js';

/**
 * A proxy that records what it was asked and refuses it, the way a real proxy refuses a client
 * without credentials or a target outside its allow list. Tunnelling to the real cluster is in
 * test/integration/kubeconfig-proxy.test.ts.
 */
function refusingProxy(answer: string): Promise<{ server: Server; port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((socket: Socket) => {
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (!text.includes('\r\n\r\n')) return;
      requests.push(text.slice(0, text.indexOf('\r\n\r\n')));
      socket.end(`${answer}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, requests })));
}

function kubeconfigWithProxy(server: string, proxyUrl: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kcc-proxy-')), 'config');
  writeFileSync(file, stringify({
    'current-context': 'c',
    clusters: [{ name: 'k', cluster: { server, 'proxy-url': proxyUrl, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'u', user: { token: 'secret-token' } }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
  }));
  return file;
}

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

describe('proxy-url', () => {
  it('tunnels an https server through CONNECT, with the proxy credentials from the URL and nothing else', async () => {
    const proxy = await refusingProxy('HTTP/1.1 407 Proxy Authentication Required');
    servers.push(proxy.server);
    const file = kubeconfigWithProxy('https://api.cluster.example:6443', `http://ci:p%40ss@127.0.0.1:${proxy.port}`);
    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 0 });
    const error = await client.get('/version').catch((e: unknown) => e);
    client.close();
    expect(isKccError(error)).toBe(true);
    expect((error as Error).message).toContain('proxy 127.0.0.1');
    expect((error as Error).message).toContain('refused CONNECT api.cluster.example:6443: HTTP/1.1 407');
    expect(proxy.requests).toHaveLength(1);
    const [requestLine, ...headers] = proxy.requests[0]!.split('\r\n');
    expect(requestLine).toBe('CONNECT api.cluster.example:6443 HTTP/1.1');
    expect(headers).toContain(`Proxy-Authorization: Basic ${Buffer.from('ci:p@ss').toString('base64')}`);
    // The bearer token travels inside the TLS tunnel, never in the clear to the proxy.
    expect(proxy.requests[0]).not.toContain('secret-token');
  });

  it('sends a plain-http server\'s requests to the proxy in absolute form', async () => {
    const proxy = await refusingProxy('HTTP/1.1 502 Bad Gateway');
    servers.push(proxy.server);
    const file = kubeconfigWithProxy('http://api.cluster.example:8080', `http://127.0.0.1:${proxy.port}`);
    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 0 });
    const error = await client.get('/api/v1/namespaces').catch((e: unknown) => e);
    client.close();
    expect((error as Error).message).toContain('GET /api/v1/namespaces');
    expect(proxy.requests[0]!.split('\r\n')[0]).toBe('GET http://api.cluster.example:8080/api/v1/namespaces HTTP/1.1');
    expect(proxy.requests[0]).toContain('Host: api.cluster.example:8080');
  });

  it('gives up on a proxy that accepts the connection and never answers the CONNECT', async () => {
    const silent = createServer(() => {});
    servers.push(silent);
    await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
    const agent = new ConnectProxyAgent(new URL(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`), { tunnelTimeoutMs: 200 });
    const error = await new Promise<NodeJS.ErrnoException>((failed) => {
      https.request({ agent, hostname: 'api.cluster.example', port: 6443, path: '/version' }).on('error', failed).end();
    });
    agent.destroy();
    expect(error.code).toBe('ETIMEDOUT');
    expect(error.message).toMatch(/did not open a tunnel to api\.cluster\.example:6443 within 0\.2 s/);
  });

  it('retries while the proxy itself is unreachable, like an unreachable server', async () => {
    const proxy = await refusingProxy('HTTP/1.1 407 x');
    const port = proxy.port;
    await new Promise((resolve) => proxy.server.close(resolve));
    const file = kubeconfigWithProxy('https://api.cluster.example:6443', `http://127.0.0.1:${port}`);
    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 300 });
    const reasons: string[] = [];
    client.onRetry = (retry) => reasons.push(retry.reason);
    const error = await client.get('/version').catch((e: unknown) => e);
    client.close();
    expect(reasons[0]).toBe('ECONNREFUSED');
    expect((error as Error).message).toMatch(/cannot reach the cluster at https:\/\/api\.cluster\.example:6443: ECONNREFUSED/);
  });
});

describe('HTTPS_PROXY, HTTP_PROXY and NO_PROXY (when the kubeconfig sets no proxy-url)', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080' };
  // [server, NO_PROXY, expected proxy]: Go's ProxyFromEnvironment rules, which kubectl follows.
  const cases: [string, string, string | undefined][] = [
    ['https://api.example.com:6443', '', 'http://proxy.corp:3128'],
    ['http://api.example.com:8080', '', 'http://proxy.corp:8080'],
    ['https://127.0.0.1:6443', '', undefined],
    ['https://localhost:6443', '', undefined],
    ['https://[::1]:6443', '', undefined],
    ['https://api.example.com', '*', undefined],
    ['https://api.example.com', 'example.com', undefined],
    ['https://example.com', 'example.com', undefined],
    ['https://example.com', '.example.com', 'http://proxy.corp:3128'],
    ['https://a.example.com', '.example.com', undefined],
    ['https://notexample.com', 'example.com', 'http://proxy.corp:3128'],
    ['https://10.96.0.1:443', '10.0.0.0/8', undefined],
    ['https://11.0.0.1:443', '10.0.0.0/8', 'http://proxy.corp:3128'],
    ['https://10.96.0.1:443', '10.96.0.1', undefined],
    ['https://api.example.com:6443', 'api.example.com:443', 'http://proxy.corp:3128'],
    ['https://api.example.com:6443', 'other.org, api.example.com:6443', undefined],
    ['https://[fd00::1]:6443', 'fd00::/8', undefined],
  ];
  for (const [server, noProxy, expected] of cases) {
    it(`${server} with NO_PROXY="${noProxy}" → ${expected ?? 'direct'}`, () => {
      expect(proxyFromEnvironment(server, { ...env, NO_PROXY: noProxy })).toBe(expected);
    });
  }

  it('gives way to the kubeconfig\'s proxy-url, and refuses a proxy kcc cannot use by the variable\'s name', async () => {
    const file = kubeconfigWithProxy('https://api.cluster.example:6443', 'http://from-kubeconfig:3128');
    expect((await loadCredentials(file, undefined, { env: { HTTPS_PROXY: 'http://from-env:1' } })).proxyUrl).toBe('http://from-kubeconfig:3128');
    const direct = join(mkdtempSync(join(tmpdir(), 'kcc-proxy-')), 'config');
    writeFileSync(direct, stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: 'https://api.cluster.example' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] }));
    expect((await loadCredentials(direct, undefined, { env: { https_proxy: 'http://from-env:1' } })).proxyUrl).toBe('http://from-env:1');
    const error = await loadCredentials(direct, undefined, { env: { HTTPS_PROXY: 'socks5://p:1080' } }).catch((e: unknown) => e);
    expect(isKccError(error)).toBe(true);
    expect((error as Error).message).toBe('HTTPS_PROXY "socks5://p:1080": kcc supports http:// and https:// proxies');
  });

  it('sends the proxy\'s credentials with a plain-http server\'s requests', async () => {
    const proxy = await refusingProxy('HTTP/1.1 502 Bad Gateway');
    servers.push(proxy.server);
    const file = kubeconfigWithProxy('http://api.cluster.example:8080', `http://ci:secret@127.0.0.1:${proxy.port}`);
    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 0 });
    await client.get('/version', { retry: false }).catch(() => undefined);
    client.close();
    expect(proxy.requests[0]).toContain(`Proxy-Authorization: Basic ${Buffer.from('ci:secret').toString('base64')}`);
  });
});
