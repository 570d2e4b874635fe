import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { revisionsBeyondMax, type ReleaseRecord } from '../../../src/release/release-record.js';
import { RELEASE_SECRET_TYPE, SecretReleaseStore } from '../../../src/release/secret-release-store.js';
import { ReleaseLock } from '../../../src/release/release-lock.js';
import { defaultRollbackTarget } from '../../../src/engine/rollback-release.js';
import type { ApiRequester } from '../../../src/release/api-requester.js';

/** An in-memory API server for Secrets and Leases: enough REST to exercise the store and the lock. */
function fakeApi(): ApiRequester & { objects: Map<string, any> } {
  const objects = new Map<string, any>();
  let version = 1;
  const request = async (method: string, path: string, body?: any, options?: { accept?: number[] }) => {
    const [base, query] = path.split('?');
    const answer = (status: number, value: any) => {
      if (status >= 400 && !options?.accept?.includes(status)) throw Object.assign(new Error(`${method} ${path}: ${status}`), { status });
      return { status, body: value };
    };
    if (method === 'POST') {
      const key = `${base}/${body.metadata.name}`;
      if (objects.has(key)) return answer(409, { reason: 'AlreadyExists' });
      objects.set(key, { ...body, metadata: { ...body.metadata, resourceVersion: String(version++) } });
      return answer(201, objects.get(key));
    }
    if (method === 'PUT') {
      if (!objects.has(base!)) return answer(404, {});
      objects.set(base!, { ...body, metadata: { ...body.metadata, resourceVersion: String(version++) } });
      return answer(200, objects.get(base!));
    }
    if (method === 'DELETE') return objects.delete(base!) ? answer(200, {}) : answer(404, {});
    if (objects.has(base!)) return answer(200, objects.get(base!));
    if (query?.startsWith('labelSelector=')) {
      const wanted = decodeURIComponent(query.slice('labelSelector='.length)).split(',').map((p) => p.split('='));
      const items = [...objects.entries()].filter(([k, o]) => k.startsWith(`${base}/`) && wanted.every(([l, v]) => o.metadata.labels?.[l!] === v)).map(([, o]) => o);
      return answer(200, { items });
    }
    return answer(404, {});
  };
  return { objects, request, get: (path, options) => request('GET', path, undefined, options) } as ApiRequester & { objects: Map<string, any> };
}

const record = (revision: number, status: ReleaseRecord['status']): ReleaseRecord => ({
  release: 'web', namespace: 'shop', revision, status, description: 'upgrade', source: { digest: 'sha256:x' },
  manifests: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p: 'aHVudGVyMg==' } }],
  applied: [], pruned: [], by: 'me', startedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

describe('SecretReleaseStore', () => {
  it('keeps one Secret per revision, gzipped JSON, listable by release', async () => {
    const api = fakeApi();
    const store = new SecretReleaseStore(api, 'shop');
    await store.create(record(1, 'superseded'));
    await store.create(record(2, 'deployed'));
    const secret = api.objects.get('/api/v1/namespaces/shop/secrets/kcc.release.v1.web.v2');
    expect(secret.type).toBe(RELEASE_SECRET_TYPE);
    expect(secret.metadata.labels).toMatchObject({ 'kcc.dev/release': 'web', 'kcc.dev/revision': '2', 'kcc.dev/status': 'deployed' });
    expect(JSON.parse(gunzipSync(Buffer.from(secret.data.release, 'base64')).toString()).revision).toBe(2);
    expect((await store.list('web')).map((r) => r.revision)).toEqual([1, 2]);
    await store.update({ ...record(2, 'failed') });
    expect((await store.get('web', 2))?.status).toBe('failed');
    await store.delete('web', 1);
    expect((await store.list('web')).map((r) => r.revision)).toEqual([2]);
  });
});

describe('history limits and rollback targets', () => {
  it('trims the oldest revisions but never the last deployed one', () => {
    const records = [record(1, 'deployed'), record(2, 'failed'), record(3, 'failed'), record(4, 'failed')];
    expect(revisionsBeyondMax(records, 2).map((r) => r.revision)).toEqual([2, 3]);
    expect(revisionsBeyondMax(records, 10)).toEqual([]);
  });

  it('rolls back to the revision deployed before the current one, or to the current after a failure', () => {
    expect(defaultRollbackTarget([record(1, 'superseded'), record(2, 'deployed')])?.revision).toBe(1);
    expect(defaultRollbackTarget([record(1, 'superseded'), record(2, 'deployed'), record(3, 'failed')])?.revision).toBe(2);
    expect(defaultRollbackTarget([record(1, 'deployed')])).toBeUndefined();
  });
});

describe('ReleaseLock', () => {
  it('refuses a second holder, naming the first and since when; frees on release', async () => {
    const api = fakeApi();
    const first = new ReleaseLock(api, 'shop', 'web');
    expect(await first.acquire()).toBeUndefined();
    await expect(new ReleaseLock(api, 'shop', 'web').acquire()).rejects.toThrow(new RegExp(`locked by .+ \\(pid ${process.pid}\\) since \\d{4}-`));
    await first.release();
    const second = new ReleaseLock(api, 'shop', 'web');
    expect(await second.acquire()).toBeUndefined();
    await second.release();
  });

  it('takes over at once from a holder on this host whose process is gone', async () => {
    const api = fakeApi();
    const dead = new ReleaseLock(api, 'shop', 'web');
    await dead.acquire();
    const lease = api.objects.get('/apis/coordination.k8s.io/v1/namespaces/shop/leases/kcc-release-web');
    const holder = JSON.parse(lease.spec.holderIdentity);
    lease.spec.holderIdentity = JSON.stringify({ ...holder, pid: 2 ** 22 + 12345 });
    const next = new ReleaseLock(api, 'shop', 'web');
    expect(await next.acquire()).toMatchObject({ why: 'process gone' });
    await next.release();
    await dead.release();
  });
});
