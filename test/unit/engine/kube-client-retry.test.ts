import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isKccError } from '../../../src/core/errors.js';
import { backoffDelay, KubeClient, retryAfterMs, retryReason, type RetryInfo, isRequestFault } from '../../../src/engine/kube-client.js';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('retryReason', () => {
  it('retries reads, updates, patches and deletes on every transient failure', () => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']) {
        expect(retryReason(method, errno(code))).toBe(code);
      }
      for (const status of [429, 500, 502, 503, 504]) expect(retryReason(method, status)).toBe(`HTTP ${status}`);
    }
  });

  it('retries a create only when the server surely did not act on it', () => {
    expect(retryReason('POST', errno('ECONNREFUSED'))).toBe('ECONNREFUSED');
    expect(retryReason('POST', 429)).toBe('HTTP 429');
    expect(retryReason('POST', 503)).toBe('HTTP 503');
    for (const code of ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']) expect(retryReason('POST', errno(code))).toBeUndefined();
    for (const status of [500, 502, 504]) expect(retryReason('POST', status)).toBeUndefined();
  });

  it('treats answers and unknown errors as final', () => {
    for (const status of [200, 201, 400, 401, 403, 404, 409, 422]) expect(retryReason('GET', status)).toBeUndefined();
    expect(retryReason('GET', errno('ENOTFOUND'))).toBeUndefined();
    expect(retryReason('GET', new Error('self-signed certificate'))).toBeUndefined();
  });
});

describe('backoffDelay', () => {
  it('doubles from 200 ms to a 2 s cap', () => {
    const top = [1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, () => 1));
    expect(top).toEqual([200, 400, 800, 1600, 2000, 2000, 2000]);
  });

  it('draws each wait from the upper half of its range', () => {
    expect(backoffDelay(1, () => 0)).toBe(100);
    expect(backoffDelay(5, () => 0)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const wait = backoffDelay(3);
      expect(wait).toBeGreaterThanOrEqual(400);
      expect(wait).toBeLessThanOrEqual(800);
    }
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and ignores what it cannot read', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs(['1'])).toBe(1000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('')).toBeUndefined();
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(retryAfterMs('-1')).toBeUndefined();
  });
});

/** A port that was free a moment ago: connecting to it is refused, as to a killed API server. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function clientOfClosedPort(options?: { retryBudgetMs?: number }): Promise<KubeClient> {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-retry-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: gone, cluster: {server: "http://127.0.0.1:${await closedPort()}"}}]
users: [{name: me, user: {token: t}}]
contexts: [{name: gone, context: {cluster: gone, user: me}}]
current-context: gone
`,
  );
  return KubeClient.fromKubeconfig(kubeconfig, undefined, options);
}

async function failure(promise: Promise<unknown>): Promise<Error & { exitCode?: number }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

describe('KubeClient retries against an unreachable server', () => {
  it('retries a refused connection until the budget is spent, reporting each retry', async () => {
    const client = await clientOfClosedPort({ retryBudgetMs: 700 });
    const retries: RetryInfo[] = [];
    client.onRetry = (info) => retries.push(info);
    const started = performance.now();
    const error = await failure(client.get('/api/v1/namespaces'));
    const elapsed = performance.now() - started;
    expect(isKccError(error) && error.exitCode).toBe(2);
    expect(error.message).toMatch(/^cannot reach the cluster at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED .* after retrying for 0\.\d s$/);
    expect(elapsed).toBeGreaterThanOrEqual(690);
    expect(elapsed).toBeLessThan(3000);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.map((r) => r.attempt)).toEqual(retries.map((_, i) => i + 1));
    expect(retries[0]).toMatchObject({ method: 'GET', path: '/api/v1/namespaces', reason: 'ECONNREFUSED' });
    expect(retries.every((r) => r.waitMs <= 700)).toBe(true);
    client.close();
  });

  it('retries a create whose connection was refused (it never reached the server)', async () => {
    const client = await clientOfClosedPort();
    client.retryBudgetMs = 300;
    const retries: RetryInfo[] = [];
    client.onRetry = (info) => retries.push(info);
    await failure(client.request('POST', '/api/v1/namespaces', { metadata: { name: 'x' } }));
    expect(retries[0]).toMatchObject({ method: 'POST', reason: 'ECONNREFUSED' });
    client.close();
  });

  it('makes one attempt when the budget is 0 or the request opts out', async () => {
    const client = await clientOfClosedPort({ retryBudgetMs: 0 });
    let retried = 0;
    client.onRetry = () => retried++;
    const error = await failure(client.get('/version'));
    expect(error.message).not.toMatch(/retrying/);
    client.retryBudgetMs = 30_000;
    const optedOut = await failure(client.get('/version', { retry: false }));
    expect(optedOut.message).toMatch(/ECONNREFUSED/);
    expect(retried).toBe(0);
    client.close();
  });

  it('defaults to a 30 s budget', async () => {
    const client = await clientOfClosedPort();
    expect(client.retryBudgetMs).toBe(30_000);
    client.close();
  });
});

describe('isRequestFault', () => {
  it('tells a 500 the request caused (wrong value type in an apply) from a server fault', () => {
    expect(isRequestFault('{"kind":"Status","message":"failed to create typed patch object (/v1, Kind=Secret) shop/creds: .stringData.pin: expected string, got &value.valueUnstructured{Value:1234}","reason":"InternalError","code":500}')).toBe(true);
    expect(isRequestFault('{"kind":"Status","message":"etcdserver: request timed out","reason":"InternalError","code":500}')).toBe(false);
  });
});
