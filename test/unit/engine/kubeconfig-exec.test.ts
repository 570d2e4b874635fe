import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { isKccError } from '../../../src/core/errors.js';
import { loadCredentials } from '../../../src/engine/kubeconfig-credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'kcc-exec-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;

/**
 * A real exec plugin (a Node script): it logs each run, with the KUBERNETES_EXEC_INFO and the
 * environment it got, to a file, and prints `credential` (with `token` replaced by the run number
 * when it is "run-N").
 */
function plugin(status: object, options: { exitCode?: number; stderr?: string } = {}) {
  const name = `plugin-${++count}`;
  const script = join(dir, `${name}.js`);
  const log = join(dir, `${name}.log`);
  writeFileSync(script, `
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ info: process.env.KUBERNETES_EXEC_INFO, extra: process.env.PLUGIN_EXTRA }) + '\\n');
const runs = fs.readFileSync(${JSON.stringify(log)}, 'utf8').trim().split('\\n').length;
const status = ${JSON.stringify(status)};
if (status.token === 'run-N') status.token = 'run-' + runs;
${options.stderr ? `process.stderr.write(${JSON.stringify(options.stderr)});` : ''}
${options.exitCode ? `process.exit(${options.exitCode});` : ''}
console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status }));
`);
  const runs = () => readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { info?: string; extra?: string });
  return { script, runs };
}

function kubeconfigFor(exec: object, clusterFields: object = {}): string {
  const file = join(dir, `config-${++count}`);
  writeFileSync(file, stringify({
    'current-context': 'c',
    clusters: [{ name: 'k', cluster: { server: 'https://k.example:6443', ...clusterFields } }],
    users: [{ name: 'me', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never', command: process.execPath, ...exec } } }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'me' } }],
  }));
  return file;
}

describe('exec credential plugins', () => {
  it('runs a plugin once while its token has no expiry, and again after the server rejected it', async () => {
    const { script, runs } = plugin({ token: 'run-N' });
    const credentials = await loadCredentials(kubeconfigFor({ args: [script] }));
    expect(credentials.headers.Authorization).toBe('Bearer run-1');
    for (let i = 0; i < 5; i++) expect(await credentials.authenticate!()).toEqual({ Authorization: 'Bearer run-1' });
    expect(runs()).toHaveLength(1);
    credentials.invalidate!();
    expect(await credentials.authenticate!()).toEqual({ Authorization: 'Bearer run-2' });
    expect(runs()).toHaveLength(2);
  });

  it('runs it again when the token is about to expire, and not before', async () => {
    const lasting = plugin({ token: 'run-N', expirationTimestamp: new Date(Date.now() + 3_600_000).toISOString() });
    const lastingCredentials = await loadCredentials(kubeconfigFor({ args: [lasting.script] }));
    await lastingCredentials.authenticate!();
    expect(lasting.runs()).toHaveLength(1);

    const expiring = plugin({ token: 'run-N', expirationTimestamp: new Date(Date.now() + 1_000).toISOString() });
    const expiringCredentials = await loadCredentials(kubeconfigFor({ args: [expiring.script] }));
    expect(await expiringCredentials.authenticate!()).toEqual({ Authorization: 'Bearer run-2' });
    expect(expiring.runs()).toHaveLength(2);
  });

  it('tells the plugin about the call in KUBERNETES_EXEC_INFO, with the cluster when asked, and keeps its env to itself', async () => {
    const { script, runs } = plugin({ token: 't' });
    const file = kubeconfigFor(
      { args: [script], provideClusterInfo: true, env: [{ name: 'PLUGIN_EXTRA', value: 'for-the-plugin' }] },
      {
        'tls-server-name': 'api.internal',
        'certificate-authority-data': Buffer.from('CA').toString('base64'),
        extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'kcc' } }],
      },
    );
    await loadCredentials(file);
    const [run] = runs();
    expect(run!.extra).toBe('for-the-plugin');
    expect(process.env.PLUGIN_EXTRA).toBeUndefined();
    expect(JSON.parse(run!.info!)).toEqual({
      kind: 'ExecCredential',
      apiVersion: 'client.authentication.k8s.io/v1',
      spec: {
        interactive: false,
        cluster: {
          server: 'https://k.example:6443',
          'tls-server-name': 'api.internal',
          'certificate-authority-data': Buffer.from('CA').toString('base64'),
          config: { audience: 'kcc' },
        },
      },
    });
  });

  it('takes a client certificate and key from the plugin', async () => {
    const { script } = plugin({ clientCertificateData: 'CERT PEM', clientKeyData: 'KEY PEM' });
    const credentials = await loadCredentials(kubeconfigFor({ args: [script] }));
    expect(credentials.cert?.toString()).toBe('CERT PEM');
    expect(credentials.key?.toString()).toBe('KEY PEM');
    expect(credentials.headers.Authorization).toBeUndefined();
  });

  const failures: [string, () => object, RegExp][] = [
    ['a plugin that fails, with its last stderr line', () => ({ args: [plugin({}, { exitCode: 3, stderr: 'warming up\nyour session expired' }).script] }), /exited with 3: your session expired$/],
    ['a plugin that gives no credential', () => ({ args: [plugin({ expirationTimestamp: '2099-01-01T00:00:00Z' }).script] }), /gave neither a token nor a client certificate/],
    ['a plugin that prints no JSON', () => ({ command: 'echo', args: ['hello'] }), /echo did not print an ExecCredential/],
    ['an apiVersion kcc does not speak', () => ({ apiVersion: 'client.authentication.k8s.io/v1alpha1', args: ['-e', ''] }), /apiVersion "client.authentication.k8s.io\/v1alpha1" is not one kcc speaks/],
    ['a plugin that needs a terminal', () => ({ interactiveMode: 'Always', args: ['-e', ''] }), /needs a terminal \(interactiveMode: Always\)/],
  ];
  for (const [what, exec, expected] of failures) {
    it(`names the file and key for ${what}`, async () => {
      const file = kubeconfigFor(exec());
      const error = await loadCredentials(file).catch((e: unknown) => e);
      expect(isKccError(error)).toBe(true);
      expect((error as Error).message.startsWith(`kubeconfig ${file}: users[me].user.exec: `)).toBe(true);
      expect((error as Error).message).toMatch(expected);
    });
  }

  it('gives the install hint when the plugin is not installed', async () => {
    const file = kubeconfigFor({ command: 'kcc-no-such-credential-plugin', installHint: 'install it with: brew install example\nmore text' });
    const error = (await loadCredentials(file).catch((e: unknown) => e)) as { message: string; hint?: string };
    expect(error.message).toBe(`kubeconfig ${file}: users[me].user.exec: plugin kcc-no-such-credential-plugin not found`);
    expect(error.hint).toBe('install it with: brew install example');
  });
});
