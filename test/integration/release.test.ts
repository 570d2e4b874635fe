import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KCC_BIN, runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKccHome, testKubeconfig } from './shared-cluster.js';
import { manifestFile, releaseRunner, webApp } from './apply-helpers.js';

const ns = 'it-release';
const kcc = releaseRunner('shop', ns);

// A claim with no storage class in a cluster without a provisioner stays Pending: an apply that
// includes it waits until its timeout, which gives the tests a long-running apply on demand.
const pendingClaim = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: ${ns}}
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: none-such
  resources: {requests: {storage: 1Gi}}`;

async function history(): Promise<{ revision: number; status: string; description: string; failure?: { message: string; objects?: string[] } }[]> {
  const run = await kcc(['history', '-o', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('release safety', () => {
  it('rolls a failing rollout back with --atomic and names the pod and the reason', async () => {
    const install = await kcc(['apply', '-f', manifestFile(webApp(ns))]);
    expect(install.code, install.stderr).toBe(0);
    const failing = await kcc(['apply', '-f', manifestFile(webApp(ns, { image: 'nginx:1.26', podLabels: 'kcc.dev/simulate: crash' })), '--atomic', '--timeout', '60s']);
    expect(failing.code).toBe(2);
    expect(failing.stderr).toMatch(/pod it-release\/web-[a-z0-9]+-[a-z0-9]+/);
    expect(failing.stderr).toContain('CrashLoopBackOff');
    expect(failing.stderr).toContain('--atomic: revision 2 failed; rolled back to revision 1 as revision 3');
    const revisions = await history();
    expect(revisions.map((r) => r.status)).toEqual(['superseded', 'failed', 'deployed']);
    expect(revisions[1]!.failure?.message).toContain('CrashLoopBackOff');
    const deployment = JSON.parse(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'json']));
    expect(deployment.spec.template.metadata.labels['kcc.dev/simulate']).toBeUndefined();
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.25');
  });

  it('records a timeout as failed, and the next apply proceeds', async () => {
    const slow = await kcc(['apply', '-f', manifestFile(webApp(ns, { extra: pendingClaim })), '--timeout', '3s']);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toContain('timed out waiting for PersistentVolumeClaim/it-release/data');
    expect((await history()).pop()).toMatchObject({ status: 'failed' });
    const next = await kcc(['apply', '-f', manifestFile(webApp(ns))]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain('PersistentVolumeClaim/it-release/data pruned');
  });

  it('refuses a second concurrent apply, naming the holder; a SIGKILLed apply is recovered by the next one', async () => {
    const first = spawn(process.execPath, [KCC_BIN, 'apply', '-f', manifestFile(webApp(ns, { extra: pendingClaim, image: 'nginx:1.27' })), '--release', 'shop', '-n', ns, '--kubeconfig', testKubeconfig(), '--timeout', '120s'], {
      env: { ...process.env, CI: 'true', KCC_HOME: testKccHome() },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let firstErr = '';
    first.stderr!.on('data', (chunk: Buffer) => (firstErr += chunk.toString()));
    try {
      // Mid-way: the lock is held and the revision is pending (the claim keeps it waiting).
      await waitUntil(async () => (await kubectl(['get', 'secrets', '-n', ns, '-l', 'kcc.dev/status=pending', '-o', 'name'])).includes('kcc.release.v1.shop')).catch((error) => {
        throw new Error(`${(error as Error).message}; first apply said:\n${firstErr}`);
      });
      const second = await kcc(['apply', '-f', manifestFile(webApp(ns))]);
      expect(second.code).toBe(3);
      expect(second.stderr).toMatch(/release "shop" is locked by \S+@\S+ \(pid \d+\) since \d{4}-\d\d-\d\dT/);
      expect(second.stderr).toContain(`pid ${first.pid}`);
    } finally {
      first.kill('SIGKILL');
    }
    await new Promise((resolve) => first.once('exit', resolve));

    const recovered = await kcc(['apply', '-f', manifestFile(webApp(ns))]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stderr).toContain('took over the lock');
    expect(recovered.stderr).toMatch(/revision \d+ was left pending by an interrupted apply/);
    expect(recovered.stderr).toContain('PersistentVolumeClaim/it-release/data pruned');
    const revisions = await history();
    const interrupted = revisions[revisions.length - 2]!;
    expect(interrupted.status).toBe('failed');
    expect(interrupted.failure?.message).toContain('interrupted');
    expect(revisions[revisions.length - 1]!.status).toBe('deployed');
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25');
  });

  it('names the object and the server\'s reason when the server would reject one, before anything is written, and recovers', async () => {
    const before = await history();
    const image = await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    const bad = webApp(ns, { image: 'nginx:1.29' }).replace('ports: [{port: 80}]', 'ports: [{port: 99999}]');
    // --no-validate: kcc's own schema check would catch the port first; here the server's dry run does.
    const rejected = await kcc(['apply', '-f', manifestFile(bad), '--no-validate']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('Service/it-release/web: rejected by the server (Invalid)');
    expect(rejected.stderr).toContain('spec.ports[0].port');
    expect(rejected.stderr).toContain('nothing was written');
    // The Deployment before it in install order was not written either, and no revision was recorded.
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe(image);
    expect(await history()).toEqual(before);
    const fixed = await kcc(['apply', '-f', manifestFile(webApp(ns, { image: 'nginx:1.29' }))]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const rollback = await kcc(['rollback']);
    expect(rollback.code, rollback.stderr).toBe(0);
  });

  it('explains an unreachable cluster and wrong credentials', async () => {
    const config = parse(readFileSync(testKubeconfig(), 'utf8'));
    const dir = dirname(manifestFile(''));
    const unreachable = join(dir, 'unreachable.yaml');
    writeFileSync(unreachable, stringify({ ...config, clusters: config.clusters.map((c: any) => ({ ...c, cluster: { ...c.cluster, server: 'https://127.0.0.1:9' } })) }));
    const down = await runKcc(['apply', '-f', manifestFile(webApp(ns)), '--release', 'shop', '-n', ns, '--kubeconfig', unreachable]);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('cannot reach the cluster at https://127.0.0.1:9');

    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, stringify({ ...config, users: config.users.map((u: any) => ({ name: u.name, user: { token: 'not-a-valid-token' } })) }));
    const denied = await runKcc(['apply', '-f', manifestFile(webApp(ns)), '--release', 'shop', '-n', ns, '--kubeconfig', wrong]);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/Unauthorized|did not accept the credentials/);
  });

  it('works for a user limited to one namespace, and names the object and RBAC reason when forbidden', async () => {
    const limitedNs = 'it-release-rbac';
    await kubectl(['create', 'namespace', limitedNs]);
    await kubectl(['create', 'serviceaccount', 'deployer', '-n', limitedNs]);
    await kubectl(['create', 'role', 'everything', '-n', limitedNs, '--verb=*', '--resource=*.*']);
    await kubectl(['create', 'rolebinding', 'deployer', '-n', limitedNs, '--role=everything', `--serviceaccount=${limitedNs}:deployer`]);
    const token = (await kubectl(['create', 'token', 'deployer', '-n', limitedNs])).trim();
    const config = parse(readFileSync(testKubeconfig(), 'utf8'));
    const limited = join(dirname(manifestFile('')), 'limited.yaml');
    writeFileSync(limited, stringify({ ...config, users: config.users.map((u: any) => ({ name: u.name, user: { token } })) }));
    const asDeployer = (file: string) => runKcc(['apply', '-f', file, '--release', 'limited', '-n', limitedNs, '--kubeconfig', limited]);

    const inside = webApp(limitedNs).split('---\n').filter((doc) => !doc.includes('kind: Namespace')).join('---\n');
    const ok = await asDeployer(manifestFile(inside));
    expect(ok.code, ok.stderr).toBe(0);

    const outside = `${inside}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: default}\ndata: {a: b}\n`;
    const forbidden = await asDeployer(manifestFile(outside));
    expect(forbidden.code).toBe(2);
    // Planning already needs to read the namespace, so the refusal comes before anything is written.
    expect(forbidden.stderr).toMatch(/cannot list \w+ objects in namespace default \(the configuration puts ConfigMap\/default\/elsewhere there\)/);
    expect(forbidden.stderr).toContain('forbidden: User "system:serviceaccount:it-release-rbac:deployer" cannot list');
    const again = await asDeployer(manifestFile(inside));
    expect(again.code, again.stderr).toBe(0);
  });

  it('keeps at most --history-max revisions, never dropping the deployed one, and destroy --keep-history marks it uninstalled', async () => {
    const small = releaseRunner('small', 'it-release-history');
    for (const image of ['nginx:1.20', 'nginx:1.21', 'nginx:1.22', 'nginx:1.23']) {
      const run = await small(['apply', '-f', manifestFile(webApp('it-release-history', { image })), '--history-max', '2', '--no-wait']);
      expect(run.code, run.stderr).toBe(0);
    }
    const kept = JSON.parse((await small(['history', '-o', 'json'])).stdout);
    expect(kept.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([[3, 'superseded'], [4, 'deployed']]);
    const destroyed = await small(['destroy', '--keep-history']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.stdout).toContain('history kept');
    const after = JSON.parse((await small(['history', '-o', 'json'])).stdout);
    expect(after.pop().status).toBe('uninstalled');
    expect(await kubectl(['get', 'deployments', '-n', 'it-release-history', '-o', 'name'])).toBe('');
  });
});
