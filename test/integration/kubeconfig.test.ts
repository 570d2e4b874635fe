import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/engine/kube-client.js';
import { runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKubeconfig } from './shared-cluster.js';

/** The shared cluster's kubeconfig pieces: server URL, CA, admin certificate and key (PEM). */
function clusterPieces() {
  const config = parse(readFileSync(testKubeconfig(), 'utf8'));
  const cluster = config.clusters[0].cluster;
  const user = config.users[0].user;
  const pem = (data: string) => Buffer.from(data, 'base64').toString('utf8');
  return { server: cluster.server as string, ca: pem(cluster['certificate-authority-data']), cert: pem(user['client-certificate-data']), key: pem(user['client-key-data']) };
}

function writeConfig(dir: string, config: object): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config');
  writeFileSync(file, stringify(config));
  return file;
}

/**
 * A forwarding HTTP CONNECT proxy, the kind a corporate network puts between CI and a cluster:
 * it resolves names itself (`hosts`), so the API server is reachable under a name only the proxy
 * knows, and it records each CONNECT target.
 */
function connectProxy(hosts: Record<string, string>): Promise<{ server: Server; url: string; targets: string[] }> {
  const targets: string[] = [];
  const server = createServer((client) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target] = head.subarray(0, head.indexOf('\r\n')).toString().split(' ');
      if (method !== 'CONNECT' || !target) return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      targets.push(target);
      const colon = target.lastIndexOf(':');
      const host = target.slice(0, colon);
      const upstream = connect({ host: hosts[host] ?? host, port: Number(target.slice(colon + 1)) }, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head.subarray(end + 4));
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets })));
}

describe('kubeconfig against the real cluster', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-kubeconfig-it-'));
  let proxy: Awaited<ReturnType<typeof connectProxy>>;
  beforeAll(async () => {
    proxy = await connectProxy({ 'api.behind-proxy.internal': '127.0.0.1' });
  });
  afterAll(() => {
    proxy.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('merges KUBECONFIG files (first to set a name wins), each file\'s relative paths its own', async () => {
    const { server, ca, cert, key } = clusterPieces();
    mkdirSync(join(dir, 'users'), { recursive: true });
    writeFileSync(join(dir, 'users', 'admin.crt'), cert);
    writeFileSync(join(dir, 'users', 'admin.key'), key);
    const users = writeConfig(join(dir, 'users'), { users: [{ name: 'admin', user: { 'client-certificate': 'admin.crt', 'client-key': 'admin.key' } }] });
    mkdirSync(join(dir, 'clusters'), { recursive: true });
    writeFileSync(join(dir, 'clusters', 'ca.crt'), ca);
    const clusters = writeConfig(join(dir, 'clusters'), {
      'current-context': 'shared',
      clusters: [{ name: 'shared', cluster: { server, 'certificate-authority': 'ca.crt' } }],
      contexts: [{ name: 'shared', context: { cluster: 'shared', user: 'admin' } }],
    });
    // A later file defining the same names must lose: its server does not exist.
    const decoy = writeConfig(join(dir, 'decoy'), {
      'current-context': 'decoy',
      clusters: [{ name: 'shared', cluster: { server: 'https://127.0.0.1:1' } }],
      contexts: [{ name: 'shared', context: { cluster: 'shared', user: 'nobody' } }],
    });
    const run = await runKcc(['can-i', 'create', 'deployments.apps', '-n', 'default'], { env: { KUBECONFIG: [users, clusters, decoy].join(':') } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('yes');
  });

  it('reads a kubeconfig that kcc.yaml names relative to the project, from any working directory', async () => {
    const project = join(dir, 'project');
    mkdirSync(join(project, 'kube'), { recursive: true });
    writeFileSync(join(project, 'kube', 'config'), readFileSync(testKubeconfig()));
    const context = parse(readFileSync(testKubeconfig(), 'utf8'))['current-context'];
    writeFileSync(join(project, 'kcc.yaml'), stringify({
      name: 'remote-project',
      environments: { remote: { namespace: 'default', cluster: { provider: 'kubeconfig', kubeconfig: 'kube/config', context } } },
    }));
    const run = await runKcc(['history', '--env', 'remote', '-C', project, '-o', 'json'], { cwd: tmpdir(), env: { KUBECONFIG: join(dir, 'absent') } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('reaches an https API server through proxy-url, by a name only the proxy resolves', async () => {
    const { server, ca, cert, key } = clusterPieces();
    const port = new URL(server).port;
    const file = writeConfig(join(dir, 'proxied'), {
      'current-context': 'proxied',
      clusters: [{
        name: 'proxied',
        cluster: {
          server: `https://api.behind-proxy.internal:${port}`,
          'proxy-url': proxy.url,
          'certificate-authority-data': Buffer.from(ca).toString('base64'),
          // The API server's certificate names "kubernetes", not the proxy's alias.
          'tls-server-name': 'kubernetes',
        },
      }],
      users: [{ name: 'admin', user: { 'client-certificate-data': Buffer.from(cert).toString('base64'), 'client-key-data': Buffer.from(key).toString('base64') } }],
      contexts: [{ name: 'proxied', context: { cluster: 'proxied', user: 'admin' } }],
    });
    const run = await runKcc(['can-i', 'list', 'pods', '-n', 'default', '--kubeconfig', file]);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('yes');
    expect(proxy.targets).toContain(`api.behind-proxy.internal:${port}`);

    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 0 });
    const tunnelsBefore = proxy.targets.length;
    const version = await client.get('/version');
    for (let i = 0; i < 5; i++) await client.get('/api/v1/namespaces/default');
    client.close();
    expect(version.body.gitVersion).toMatch(/^v1\./);
    // Keep-alive holds through the tunnel: sequential requests share one CONNECT.
    expect(proxy.targets.length - tunnelsBefore).toBe(1);
  });

  it('uses HTTPS_PROXY when the kubeconfig sets no proxy-url, as kubectl does', async () => {
    const { server, ca, cert, key } = clusterPieces();
    const port = new URL(server).port;
    const file = writeConfig(join(dir, 'env-proxy'), {
      'current-context': 'c',
      clusters: [{
        name: 'c',
        cluster: { server: `https://api.behind-proxy.internal:${port}`, 'certificate-authority-data': Buffer.from(ca).toString('base64'), 'tls-server-name': 'kubernetes' },
      }],
      users: [{ name: 'u', user: { 'client-certificate-data': Buffer.from(cert).toString('base64'), 'client-key-data': Buffer.from(key).toString('base64') } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    });
    const before = proxy.targets.length;
    const run = await runKcc(['can-i', 'list', 'pods', '--kubeconfig', file], { env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'other.internal' } });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('yes');
    expect(proxy.targets.slice(before)).toEqual([`api.behind-proxy.internal:${port}`]);
  });

  it('checks the certificate against tls-server-name, not the server address', async () => {
    const { server, ca, cert, key } = clusterPieces();
    const config = (tlsServerName: string) => writeConfig(join(dir, `sni-${tlsServerName}`), {
      'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64'), 'tls-server-name': tlsServerName } }],
      users: [{ name: 'u', user: { 'client-certificate-data': Buffer.from(cert).toString('base64'), 'client-key-data': Buffer.from(key).toString('base64') } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    });
    const good = await KubeClient.fromKubeconfig(config('kubernetes.default.svc'), undefined, { retryBudgetMs: 0 });
    expect((await good.get('/version')).status).toBe(200);
    good.close();
    const wrong = await KubeClient.fromKubeconfig(config('wrong.example'), undefined, { retryBudgetMs: 0 });
    const error = await wrong.get('/version').catch((e: unknown) => e);
    wrong.close();
    expect((error as Error).message).toMatch(/Host: wrong\.example\. is not in the cert's altnames/);
  });

  it('runs an exec plugin once, and again when the API server rejects its token', async () => {
    const namespace = 'kcc-exec-plugin';
    await kubectl(['create', 'namespace', namespace]).catch(() => undefined);
    await kubectl(['create', 'serviceaccount', 'ci', '-n', namespace]).catch(() => undefined);
    const token = (await kubectl(['create', 'token', 'ci', '-n', namespace])).trim();
    // The first run answers a token the server does not know (one revoked since it was cached); later runs the real one.
    const runs = join(dir, 'exec-runs');
    const script = join(dir, 'exec-plugin.js');
    writeFileSync(script, `
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(runs)}, 'run\\n');
const first = fs.readFileSync(${JSON.stringify(runs)}, 'utf8').split('\\n').filter(Boolean).length === 1;
const status = { token: first ? 'revoked-token' : ${JSON.stringify(token)} };
console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`);
    const { server, ca } = clusterPieces();
    const file = writeConfig(join(dir, 'exec'), {
      'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server, 'certificate-authority-data': Buffer.from(ca).toString('base64') } }],
      users: [{ name: 'ci', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script], interactiveMode: 'Never' } } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'ci' } }],
    });
    const client = await KubeClient.fromKubeconfig(file, undefined, { retryBudgetMs: 0 });
    const whoAmI = () => client.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    for (let i = 0; i < 3; i++) expect((await whoAmI()).body.status.userInfo.username).toBe(`system:serviceaccount:${namespace}:ci`);
    client.close();
    expect(readFileSync(runs, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('runs as a pod would: the service-account token, ca.crt and namespace, KUBERNETES_SERVICE_HOST/PORT', async () => {
    const namespace = 'kcc-in-cluster';
    await kubectl(['create', 'namespace', namespace]).catch(() => undefined);
    await kubectl(['create', 'serviceaccount', 'deployer', '-n', namespace]).catch(() => undefined);
    await kubectl(['create', 'rolebinding', 'deployer-edit', '--clusterrole=edit', `--serviceaccount=${namespace}:deployer`, '-n', namespace]).catch(() => undefined);
    const token = (await kubectl(['create', 'token', 'deployer', '-n', namespace])).trim();
    const mount = join(dir, 'serviceaccount');
    mkdirSync(mount, { recursive: true });
    writeFileSync(join(mount, 'token'), token);
    writeFileSync(join(mount, 'ca.crt'), clusterPieces().ca);
    writeFileSync(join(mount, 'namespace'), namespace);
    const url = new URL(clusterPieces().server);
    const environment = {
      env: { KUBERNETES_SERVICE_HOST: url.hostname, KUBERNETES_SERVICE_PORT: url.port },
      home: join(dir, 'empty-home'),
      serviceAccountDir: mount,
    };

    const client = await KubeClient.fromKubeconfig(undefined, undefined, { environment, retryBudgetMs: 0 });
    expect(client.namespace).toBe(namespace);
    const review = await client.request('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(review.body.status.userInfo.username).toBe(`system:serviceaccount:${namespace}:deployer`);
    expect((await client.get(`/api/v1/namespaces/${namespace}/configmaps`)).status).toBe(200);
    const forbidden = await client.get('/api/v1/namespaces/kube-system/secrets').catch((e: unknown) => e);
    expect((forbidden as { status?: number }).status).toBe(403);
    client.close();
  });
});
