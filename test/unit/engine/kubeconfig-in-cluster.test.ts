import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isKccError } from '../../../src/core/errors.js';
import { isInCluster } from '../../../src/engine/in-cluster-config.js';
import { loadCredentials } from '../../../src/engine/kubeconfig-credentials.js';

/** A service-account mount as the kubelet writes it, and a HOME with no kubeconfig. */
function pod(options: { namespace?: string } = {}) {
  const serviceAccountDir = mkdtempSync(join(tmpdir(), 'kcc-sa-'));
  writeFileSync(join(serviceAccountDir, 'token'), 'pod-token\n');
  writeFileSync(join(serviceAccountDir, 'ca.crt'), 'CLUSTER CA');
  if (options.namespace) writeFileSync(join(serviceAccountDir, 'namespace'), options.namespace);
  const home = mkdtempSync(join(tmpdir(), 'kcc-home-'));
  const env = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  return { serviceAccountDir, home, env };
}

describe('in-cluster configuration', () => {
  it('is used when no kubeconfig exists and the pod variables and token are there', async () => {
    const environment = pod({ namespace: 'ci' });
    expect(isInCluster(environment)).toBe(true);
    const credentials = await loadCredentials(undefined, undefined, environment);
    expect(credentials).toMatchObject({
      server: 'https://10.96.0.1:443',
      ca: Buffer.from('CLUSTER CA'),
      rejectUnauthorized: true,
      bearerTokenFile: join(environment.serviceAccountDir, 'token'),
      namespace: 'ci',
    });
  });

  it('brackets an IPv6 service host', async () => {
    const environment = pod();
    environment.env.KUBERNETES_SERVICE_HOST = 'fd00::1';
    expect((await loadCredentials(undefined, undefined, environment)).server).toBe('https://[fd00::1]:443');
  });

  it('gives way to a kubeconfig, as kubectl does', async () => {
    const environment = pod();
    const file = join(environment.home, 'config');
    writeFileSync(file, stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: 'https://outside' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] }));
    const credentials = await loadCredentials(undefined, undefined, { ...environment, env: { ...environment.env, KUBECONFIG: file } });
    expect(credentials.server).toBe('https://outside');
  });

  it('names every KUBECONFIG file when none exists', async () => {
    const environment = pod();
    const env = { KUBECONFIG: '/nonexistent/a:/nonexistent/b' };
    const error = await loadCredentials(undefined, undefined, { ...environment, env }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('no kubeconfig found: none of /nonexistent/a, /nonexistent/b exists, and not inside a cluster');
  });

  it('is not used when a context is named, and the error says why', async () => {
    const environment = pod();
    const error = await loadCredentials(undefined, 'prod', environment).catch((e: unknown) => e);
    expect((error as Error).message).toContain('context "prod" is named, so the pod\'s service account is not used');
  });

  it('is not used without the variables or without a token', async () => {
    const environment = pod();
    expect(isInCluster({ ...environment, env: {} })).toBe(false);
    expect(isInCluster({ ...environment, serviceAccountDir: join(environment.home, 'none') })).toBe(false);
    const error = await loadCredentials(undefined, undefined, { ...environment, env: {} }).catch((e: unknown) => e);
    expect(isKccError(error)).toBe(true);
    expect((error as Error).message).toMatch(/no kubeconfig found: .*\.kube\/config does not exist, and not inside a cluster/);
  });
});
