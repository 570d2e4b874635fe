import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/engine/kube-client.js';
import { formatHolder, ReleaseLock, type LockHolder } from '../../src/release/release-lock.js';
import { testKubeconfig } from './shared-cluster.js';

const NAMESPACE = 'kcc-it-release-lock';
const LEASE_SECONDS = 2;

/**
 * A lock holder in its own process (the built library, as the CLI runs it), so that it has its own
 * pid and can be paused with SIGSTOP like a real apply. It answers one JSON line per command line.
 */
const HOLDER_SCRIPT = `
import { createInterface } from 'node:readline';
const { KubeClient } = await import(process.env.KCC_CLIENT_MODULE);
const { ReleaseLock } = await import(process.env.KCC_LOCK_MODULE);
const client = await KubeClient.fromKubeconfig(process.env.KCC_KUBECONFIG);
const lock = new ReleaseLock(client, process.env.KCC_NAMESPACE, process.env.KCC_RELEASE, Number(process.env.KCC_LEASE_SECONDS));
const commands = {
  acquire: async () => (await lock.acquire())?.why ?? null,
  assertHeld: () => lock.assertHeld(),
  lost: async () => lock.lost,
  release: () => lock.release(),
};
for await (const line of createInterface({ input: process.stdin })) {
  try {
    const value = await commands[line]();
    console.log(JSON.stringify({ ok: true, value }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, name: error.name, message: error.message, exitCode: error.exitCode }));
  }
}
client.close();
`;

interface Answer {
  ok: boolean;
  value?: unknown;
  name?: string;
  message?: string;
  exitCode?: number;
}

class HolderProcess {
  private readonly child: ChildProcess;
  private readonly answers: AsyncIterator<string>;

  constructor(release: string) {
    this.child = spawn(process.execPath, ['--input-type=module', '-e', HOLDER_SCRIPT], {
      env: {
        ...process.env,
        KCC_CLIENT_MODULE: new URL('../../dist/engine/kube-client.js', import.meta.url).href,
        KCC_LOCK_MODULE: new URL('../../dist/release/release-lock.js', import.meta.url).href,
        KCC_KUBECONFIG: testKubeconfig(),
        KCC_NAMESPACE: NAMESPACE,
        KCC_RELEASE: release,
        KCC_LEASE_SECONDS: String(LEASE_SECONDS),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.answers = createInterface({ input: this.child.stdout! })[Symbol.asyncIterator]();
  }

  get pid(): number {
    return this.child.pid!;
  }

  async send(command: 'acquire' | 'assertHeld' | 'lost' | 'release'): Promise<Answer> {
    this.child.stdin!.write(`${command}\n`);
    const line = await this.answers.next();
    if (line.done) throw new Error(`holder process ${this.pid} exited before answering ${command}`);
    return JSON.parse(line.value) as Answer;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill('SIGCONT');
    this.child.stdin!.end();
    await once(this.child, 'exit');
  }
}

describe('release lock', () => {
  let client: KubeClient;
  const leasePath = (release: string) => `/apis/coordination.k8s.io/v1/namespaces/${NAMESPACE}/leases/kcc-release-${release}`;
  const leaseHolder = async (release: string): Promise<LockHolder | undefined> => {
    const lease = await client.get(leasePath(release), { accept: [404] });
    return lease.status === 404 ? undefined : JSON.parse(lease.body.spec.holderIdentity);
  };

  beforeAll(async () => {
    client = await KubeClient.fromKubeconfig(testKubeconfig());
    await client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } }, { accept: [409] });
  });

  afterAll(async () => {
    await client.request('DELETE', `/api/v1/namespaces/${NAMESPACE}`, undefined, { accept: [404] });
    client.close();
  });

  it('is confirmed cheaply while renewed, and deleted on release', async () => {
    const lock = new ReleaseLock(client, NAMESPACE, 'plain', LEASE_SECONDS);
    expect(await lock.acquire()).toBeUndefined();
    await lock.assertHeld();
    await sleep(LEASE_SECONDS * 1500);
    // The renew timer kept the lease alive past its duration.
    await lock.assertHeld();
    expect(lock.lost).toBe(false);
    expect(await leaseHolder('plain')).toMatchObject({ pid: process.pid });

    // A retried create whose first attempt went through finds its own lease.
    expect(await lock.acquire()).toBeUndefined();
    // So does a renewal whose conflict came from its own earlier attempt (same holder, new version).
    // (The lock's own renew timer may bump the lease between our GET and PUT: read again then.)
    for (let attempt = 0; ; attempt++) {
      const lease = (await client.get(leasePath('plain'))).body;
      if ((await client.request('PUT', leasePath('plain'), lease, { accept: [409] })).status !== 409) break;
      if (attempt === 9) throw new Error('could not update the lease in 10 attempts');
    }
    await sleep(LEASE_SECONDS * 500);
    await lock.assertHeld();
    expect(lock.lost).toBe(false);

    await lock.release();
    expect(await leaseHolder('plain')).toBeUndefined();
  });

  it('a holder paused past its lease loses the lock, stops before writing and leaves the new holder alone', async () => {
    const [a, b, c] = [new HolderProcess('paused'), new HolderProcess('paused'), new HolderProcess('paused')];
    try {
      expect(await a.send('acquire')).toEqual({ ok: true, value: null });
      a.signal('SIGSTOP');
      await sleep(LEASE_SECONDS * 1000 + 1500);

      expect(await b.send('acquire')).toEqual({ ok: true, value: 'lease expired' });
      const bHolder = await leaseHolder('paused');
      expect(bHolder?.pid).toBe(b.pid);

      a.signal('SIGCONT');
      const asserted = await a.send('assertHeld');
      expect(asserted).toMatchObject({ ok: false, name: 'LockLostError', exitCode: 3 });
      expect(asserted.message).toContain(`was taken by ${formatHolder(bHolder!)} while this process was paused or cut off`);
      expect(asserted.message).toContain('stopped before the next write');
      expect(await a.send('lost')).toEqual({ ok: true, value: true });

      expect(await a.send('release')).toEqual({ ok: true });
      expect((await leaseHolder('paused'))?.pid).toBe(b.pid);

      const third = await c.send('acquire');
      expect(third).toMatchObject({ ok: false, exitCode: 3 });
      expect(third.message).toContain(`is locked by ${formatHolder(bHolder!)}`);

      // B kept renewing all along: its lock still holds, and it releases it normally.
      expect(await b.send('assertHeld')).toEqual({ ok: true });
      expect(await b.send('release')).toEqual({ ok: true });
      expect(await leaseHolder('paused')).toBeUndefined();
    } finally {
      await Promise.all([a.exit(), b.exit(), c.exit()]);
    }
  });
});
