import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isKccError } from '../../../src/core/errors.js';
import { loadCredentials } from '../../../src/engine/kubeconfig-credentials.js';
import { kubeconfigFiles, mergeKubeconfigFiles, resolveContext } from '../../../src/engine/kubeconfig-loader.js';

const dir = mkdtempSync(join(tmpdir(), 'kcc-kubeconfig-'));
let count = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a kubeconfig into its own folder (so relative paths are relative to something distinct). */
function kubeconfig(config: object, folder = `f${++count}`): string {
  mkdirSync(join(dir, folder), { recursive: true });
  const file = join(dir, folder, 'config');
  writeFileSync(file, stringify(config));
  return file;
}

const cluster = (name: string, server: string, extra: object = {}) => ({ name, cluster: { server, ...extra } });
const user = (name: string, fields: object) => ({ name, user: fields });
const context = (name: string, clusterName: string, userName?: string, extra: object = {}) => ({ name, context: { cluster: clusterName, user: userName, ...extra } });

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKccError(error)).toBe(true);
  return (error as Error).message;
}

describe('kubeconfigFiles', () => {
  it('takes an explicit path alone, else every KUBECONFIG entry, else ~/.kube/config', () => {
    expect(kubeconfigFiles('/a/config', { env: { KUBECONFIG: '/b:/c' } })).toEqual({ files: ['/a/config'], explicit: true });
    expect(kubeconfigFiles(undefined, { env: { KUBECONFIG: '/b::/c' } })).toEqual({ files: ['/b', '/c'], explicit: false });
    expect(kubeconfigFiles(undefined, { env: {}, home: '/home/me' })).toEqual({ files: ['/home/me/.kube/config'], explicit: false });
  });
});

describe('merging KUBECONFIG files', () => {
  it('lets the first file that sets a name or current-context win, as kubectl does', async () => {
    const first = kubeconfig({
      clusters: [cluster('shared', 'https://first.example:6443')],
      users: [user('me', { token: 'first-token' })],
    });
    const second = kubeconfig({
      'current-context': 'work',
      clusters: [cluster('shared', 'https://second.example:6443'), cluster('only-second', 'https://only.example')],
      users: [user('me', { token: 'second-token' })],
      contexts: [context('work', 'shared', 'me', { namespace: 'team' })],
    });
    const third = kubeconfig({ 'current-context': 'other', contexts: [context('other', 'only-second')] });
    const env = { KUBECONFIG: [first, join(dir, 'missing', 'config'), second, third].join(':') };

    const merged = mergeKubeconfigFiles(kubeconfigFiles(undefined, { env }).files);
    expect(merged.files).toEqual([first, second, third]);
    expect(merged.currentContext).toEqual({ name: 'work', file: second });
    expect(merged.clusters.get('shared')).toMatchObject({ file: first, value: { server: 'https://first.example:6443' } });

    const credentials = await loadCredentials(undefined, undefined, { env });
    expect(credentials.server).toBe('https://first.example:6443');
    expect(credentials.headers.Authorization).toBe('Bearer first-token');
    expect(credentials.namespace).toBe('team');
    expect((await loadCredentials(undefined, 'other', { env })).server).toBe('https://only.example');
  });

  it('takes entries whole, never field by field across files', () => {
    const first = kubeconfig({ users: [user('me', { token: 'a' })] });
    const second = kubeconfig({ users: [user('me', { 'client-certificate': 'c.pem', 'client-key': 'k.pem' })] });
    expect(mergeKubeconfigFiles([first, second]).users.get('me')!.value).toEqual({ token: 'a' });
  });

  it('resolves relative file paths against the file that names them', async () => {
    const certs = kubeconfig({ clusters: [cluster('c', 'https://x.example', { 'certificate-authority': 'ca.pem' })] }, 'certs');
    writeFileSync(join(dir, 'certs', 'ca.pem'), 'CA FROM CERTS');
    const users = kubeconfig({
      'current-context': 'ctx',
      contexts: [context('ctx', 'c', 'u')],
      users: [user('u', { 'client-certificate': 'sub/cert.pem', 'client-key': 'sub/key.pem', exec: { command: './bin/token', apiVersion: 'x' } })],
    }, 'users');
    mkdirSync(join(dir, 'users', 'sub'));
    writeFileSync(join(dir, 'users', 'sub', 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'users', 'sub', 'key.pem'), 'KEY');
    const merged = mergeKubeconfigFiles([users, certs]);
    expect(merged.clusters.get('c')!.value['certificate-authority']).toBe(join(dir, 'certs', 'ca.pem'));
    expect(merged.users.get('u')!.value['client-key']).toBe(join(dir, 'users', 'sub', 'key.pem'));
    expect(merged.users.get('u')!.value.exec.command).toBe(join(dir, 'users', 'bin', 'token'));
    const resolved = resolveContext(merged);
    expect(resolved.cluster.file).toBe(certs);
    expect(resolved.user!.file).toBe(users);
  });

  it('reads the new fields: proxy-url, tls-server-name, insecure-skip-tls-verify, token files, impersonation', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'from-file\n');
    const file = kubeconfig({
      'current-context': 'c',
      clusters: [cluster('k', 'https://10.0.0.1:6443', { 'proxy-url': 'http://proxy.example:3128', 'tls-server-name': 'api.internal', 'insecure-skip-tls-verify': true })],
      users: [user('u', { tokenFile, as: 'jane', 'as-groups': ['dev', 'ops'] })],
      contexts: [context('c', 'k', 'u')],
    });
    const credentials = await loadCredentials(file);
    expect(credentials).toMatchObject({
      server: 'https://10.0.0.1:6443',
      proxyUrl: 'http://proxy.example:3128',
      tlsServerName: 'api.internal',
      rejectUnauthorized: false,
      bearerTokenFile: tokenFile,
      headers: { 'Impersonate-User': 'jane', 'Impersonate-Group': 'dev,ops' },
    });
  });
});

describe('exec credentials', () => {
  it('runs the exec plugin and asks it, through its cache, before each request', async () => {
    const plugin = join(dir, 'plugin.js');
    const status = { token: 'exec-token', expirationTimestamp: new Date(Date.now() + 3_600_000).toISOString() };
    writeFileSync(plugin, `console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: ${JSON.stringify(status)} }));\n`);
    const file = kubeconfig({
      'current-context': 'c',
      clusters: [cluster('k', 'https://k.example')],
      users: [user('exec-user', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } })],
      contexts: [context('c', 'k', 'exec-user')],
    });
    const credentials = await loadCredentials(file);
    expect(credentials.headers.Authorization).toBe('Bearer exec-token');
    expect(await credentials.authenticate!()).toEqual({ Authorization: 'Bearer exec-token' });
  });

  it('names the file and key when the exec plugin fails', async () => {
    const file = kubeconfig({
      'current-context': 'c',
      clusters: [cluster('k', 'https://k.example')],
      users: [user('broken', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: join(dir, 'no-such-plugin'), interactiveMode: 'Never' } })],
      contexts: [context('c', 'k', 'broken')],
    });
    const message = await failure(loadCredentials(file));
    expect(message).toContain(`kubeconfig ${file}: users[broken].user.exec:`);
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe('auth providers', () => {
  const jwt = (exp: number) => ['{"alg":"none"}', JSON.stringify({ sub: 'jane', exp })].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.';
  const withProvider = (provider: object) => kubeconfig({
    'current-context': 'c',
    clusters: [cluster('k', 'https://k.example')],
    users: [user('oidc-user', { 'auth-provider': provider })],
    contexts: [context('c', 'k', 'oidc-user')],
  });

  it('sends an oidc id-token that has not expired, through @kubernetes/client-node', async () => {
    const token = jwt(Math.floor(Date.now() / 1000) + 3600);
    const credentials = await loadCredentials(withProvider({ name: 'oidc', config: { 'client-id': 'kcc', 'id-token': token } }));
    expect(credentials.headers.Authorization).toBe(`Bearer ${token}`);
  });

  it('refuses a provider it does not know instead of sending requests without credentials', async () => {
    const file = withProvider({ name: 'openstack', config: {} });
    expect(await failure(loadCredentials(file))).toContain(`kubeconfig ${file}: users[oidc-user].user.auth-provider.name: "openstack" is not an auth provider kcc knows`);
  });
});

describe('bad kubeconfig entries name the file and the key', () => {
  /** One context "c" on cluster "k" (and user "u" when given): the smallest kubeconfig a case can break. */
  const minimal = (clusterFields: object = {}, userFields?: object) => ({
    'current-context': 'c',
    clusters: [cluster('k', 'https://k', clusterFields)],
    ...(userFields ? { users: [user('u', userFields)] } : {}),
    contexts: [context('c', 'k', userFields ? 'u' : undefined)],
  });
  const cases: [string, object, string][] = [
    ['a context that names a missing cluster', { 'current-context': 'c', contexts: [context('c', 'gone')] }, 'contexts[c].context.cluster: names cluster "gone"'],
    [
      'a context that names a missing user',
      { 'current-context': 'c', clusters: [cluster('k', 'https://k')], contexts: [context('c', 'k', 'nobody')] },
      'contexts[c].context.user: names user "nobody"',
    ],
    [
      'a server that is not a URL',
      { 'current-context': 'c', clusters: [cluster('k', 'not a url')], contexts: [context('c', 'k')] },
      'clusters[k].cluster.server: "not a url" is not a URL',
    ],
    ['a socks proxy', minimal({ 'proxy-url': 'socks5://p:1080' }), 'clusters[k].cluster.proxy-url: "socks5://p:1080"'],
    [
      'insecure with a CA',
      minimal({ 'insecure-skip-tls-verify': true, 'certificate-authority-data': 'Q0E=' }),
      'clusters[k].cluster.insecure-skip-tls-verify: cannot be used',
    ],
    ['a missing certificate file', minimal({ 'certificate-authority': 'nope.pem' }), 'clusters[k].cluster.certificate-authority: cannot read'],
    ['a certificate without a key', minimal({}, { 'client-certificate-data': 'Q0U=' }), 'users[u].user.client-key: is missing'],
    ['an entry without a name', { clusters: [{ cluster: { server: 'https://k' } }] }, 'clusters[0].name: is missing'],
    ['a current-context that does not exist', { 'current-context': 'ghost' }, 'current-context: no context "ghost"'],
  ];
  for (const [what, config, expected] of cases) {
    it(what, async () => {
      const good = kubeconfig({ clusters: [cluster('other', 'https://other')] });
      const bad = kubeconfig(config);
      const message = await failure(loadCredentials(undefined, undefined, { env: { KUBECONFIG: `${good}:${bad}` } }));
      expect(message).toContain(`kubeconfig ${bad}: ${expected}`);
      expect(message.split('\n')).toHaveLength(1);
    });
  }

  it('an unparseable file', async () => {
    const bad = join(dir, 'broken.yaml');
    writeFileSync(bad, 'clusters: [\n');
    expect(await failure(loadCredentials(undefined, undefined, { env: { KUBECONFIG: bad } }))).toContain(`kubeconfig ${bad} is not valid YAML`);
  });

  it('an explicit path that does not exist', async () => {
    expect(await failure(loadCredentials(join(dir, 'absent')))).toContain(`cannot read kubeconfig ${join(dir, 'absent')}: ENOENT`);
  });
});
