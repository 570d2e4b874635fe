import { describe, expect, it } from 'vitest';
import { kubectl } from './shared-cluster.js';
import { manifestFile, releaseRunner } from './apply-helpers.js';

// Helm hooks in the apply engine (docs/HOOKS.md), on the bundled cluster. Its simulated nodes
// complete a Job's pods; a pod labelled kcc.dev/simulate=fail ends in phase Failed (see
// src/cluster/local/kwok-config.ts); a pod no node can take stays Pending, Unschedulable.

async function history(kcc: ReturnType<typeof releaseRunner>): Promise<any[]> {
  const run = await kcc(['history', '-o', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function live(args: string[]): Promise<any | undefined> {
  return kubectl(['get', ...args, '-o', 'json']).then((out) => JSON.parse(out), () => undefined);
}

/** A hook Job; `pod` adds to its pod template's spec and `labels` to the pod's labels. */
function job(name: string, ns: string, annotations: Record<string, string>, options: { labels?: string; pod?: string; backoffLimit?: number } = {}): string {
  const notes = Object.entries(annotations).map(([k, v]) => `    ${k}: "${v}"`).join('\n');
  return `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
${notes}
spec:
  backoffLimit: ${options.backoffLimit ?? 0}
  template:
    metadata: {labels: {app: ${name}${options.labels ? `, ${options.labels}` : ''}}}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox:1.36, command: [sh, -c, "true"]}]${options.pod ? `\n      ${options.pod}` : ''}`;
}

const configMap = (ns: string, mode: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: ${ns}}\ndata: {mode: ${mode}}`;
const docs = (...parts: string[]) => manifestFile(parts.join('\n---\n') + '\n');

describe('kcc apply runs Helm hooks', () => {
  it('pre-install migration Jobs run by weight before the objects, follow their delete policy, and re-run on upgrade without --force-replace', async () => {
    const ns = 'it-hooks-migrate';
    const kcc = releaseRunner('shop', ns);
    const app = (mode: string) =>
      docs(
        `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}`,
        configMap(ns, mode),
        // Written first but weighted last: weights order hooks, not the file.
        job('seed-data', ns, { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '5' }),
        job('migrate-schema', ns, { 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'hook-succeeded' }),
      );
    const install = await kcc(['apply', '-f', app('v1'), '--timeout', '90s']);
    expect(install.code, install.stderr).toBe(0);
    const lines = install.stderr.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const migrated = at(/Job\/it-hooks-migrate\/migrate-schema succeeded/);
    const seedStarted = at(/Job\/it-hooks-migrate\/seed-data running/);
    const seeded = at(/Job\/it-hooks-migrate\/seed-data succeeded/);
    const configCreated = at(/ConfigMap\/it-hooks-migrate\/settings created/);
    expect(migrated, install.stderr).toBeGreaterThan(0);
    expect(seedStarted, install.stderr).toBeGreaterThan(migrated);
    expect(configCreated, install.stderr).toBeGreaterThan(seeded);
    expect(install.stderr).toMatch(/hook: running 2 pre-install hooks/);
    expect(install.stderr).not.toMatch(/pre-upgrade/);

    // hook-succeeded deleted the migration; the seed Job (default before-hook-creation) stays, not as a member.
    expect(await live(['job', 'migrate-schema', '-n', ns])).toBeUndefined();
    const seed = await live(['job', 'seed-data', '-n', ns]);
    expect(seed.status.succeeded).toBe(1);
    expect(seed.metadata.labels['kcc.dev/hook-of']).toMatch(/^applyset-/);
    expect(seed.metadata.labels['applyset.kubernetes.io/part-of']).toBeUndefined();

    // History shows the hooks and how they ran.
    const [first] = await history(kcc);
    expect(first.status).toBe('deployed');
    const hooks = Object.fromEntries(first.hooks.map((h: any) => [h.object, h]));
    expect(hooks['Job/it-hooks-migrate/migrate-schema']).toMatchObject({ phases: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicies: ['hook-succeeded'], lastRun: { phase: 'pre-install', status: 'succeeded' } });
    expect(hooks['Job/it-hooks-migrate/seed-data']).toMatchObject({ weight: 5, deletePolicies: ['before-hook-creation'], lastRun: { status: 'succeeded' } });

    // Hooks are not drift, not members: no-op apply and diff see no change, status lists no Job.
    const diff = await kcc(['diff', '-f', app('v1'), '--exit-code']);
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    const noop = await kcc(['apply', '-f', app('v1')]);
    expect(noop.code, noop.stderr).toBe(0);
    expect(noop.stdout).toMatch(/no changes/);
    const status = JSON.parse((await kcc(['status', '-o', 'json'])).stdout);
    expect(status.objects.map((o: any) => o.object)).not.toContain('Job/it-hooks-migrate/seed-data');
    expect(status.drifted).toEqual([]);

    // A dry run names the hooks that would run and creates nothing.
    const dry = await kcc(['apply', '-f', app('v2'), '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/Job\/it-hooks-migrate\/migrate-schema pending — pre-upgrade hook \(weight -5\) would run: dry run/);
    expect(dry.stdout).toMatch(/2 hooks would run/);
    expect(await live(['job', 'migrate-schema', '-n', ns])).toBeUndefined();
    expect((await live(['job', 'seed-data', '-n', ns])).metadata.uid).toBe(seed.metadata.uid);
    const diffV2 = await kcc(['diff', '-f', app('v2')]);
    expect(diffV2.stdout).toMatch(/# hooks apply would run:\n#   pre-upgrade Job\/it-hooks-migrate\/migrate-schema \(weight -5\)\n#   pre-upgrade Job\/it-hooks-migrate\/seed-data \(weight 5\)/);

    // The upgrade runs pre-upgrade hooks: the seed Job of the first run is deleted and created anew.
    const upgrade = await kcc(['apply', '-f', app('v2'), '--timeout', '90s']);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stderr).toMatch(/hook: running 2 pre-upgrade hooks/);
    const reseeded = await live(['job', 'seed-data', '-n', ns]);
    expect(reseeded.metadata.uid).not.toBe(seed.metadata.uid);
    expect(reseeded.status.succeeded).toBe(1);
    const destroy = await kcc(['destroy']);
    expect(destroy.code, destroy.stderr).toBe(0);
  });

  it('a failing post-upgrade hook fails the release; with --atomic it is rolled back (running the target\'s rollback hooks) and the failure recorded', async () => {
    const ns = 'it-hooks-atomic';
    const kcc = releaseRunner('api', ns);
    const notify = job('notify', ns, { 'helm.sh/hook': 'post-rollback' });
    const install = await kcc(['apply', '-f', docs(configMap(ns, 'v1'), notify), '--create-namespace']);
    expect(install.code, install.stderr).toBe(0);
    expect(await live(['job', 'notify', '-n', ns])).toBeUndefined();
    const failing = job('verify', ns, { 'helm.sh/hook': 'post-upgrade' }, { labels: 'kcc.dev/simulate: fail' });
    const upgrade = await kcc(['apply', '-f', docs(configMap(ns, 'v2'), failing), '--atomic', '--timeout', '90s']);
    expect(upgrade.code, upgrade.stderr).toBe(2);
    expect(upgrade.stderr).toMatch(/post-upgrade hook Job\/it-hooks-atomic\/verify job failed: BackoffLimitExceeded/);
    expect(upgrade.stderr).toMatch(/--atomic: revision 2 failed; rolled back to revision 1 as revision 3/);
    // Revision 1's post-rollback hook ran after the rollback's writes.
    expect(upgrade.stderr).toMatch(/hook: running 1 post-rollback hook/);
    expect((await live(['job', 'notify', '-n', ns])).status.succeeded).toBe(1);
    // The ConfigMap was written (v2) before the hook ran, and is back to v1.
    expect((await live(['configmap', 'settings', '-n', ns])).data.mode).toBe('v1');
    const revisions = await history(kcc);
    expect(revisions.map((r: any) => r.status)).toEqual(['superseded', 'failed', 'deployed']);
    expect(revisions[1].failure.message).toMatch(/post-upgrade hook Job\/it-hooks-atomic\/verify job failed/);
    expect(revisions[1].hooks[0].lastRun).toMatchObject({ phase: 'post-upgrade', status: 'failed' });
    expect(revisions[2].description).toMatch(/rollback to 1 \(atomic, after revision 2 failed\)/);
    const destroy = await kcc(['destroy']);
    expect(destroy.code, destroy.stderr).toBe(0);
  });

  it('destroy runs pre-delete hooks before deleting anything, and removes hook objects earlier runs left', async () => {
    const ns = 'it-hooks-delete';
    const kcc = releaseRunner('store', ns);
    const manifests = docs(
      configMap(ns, 'v1'),
      job('init', ns, { 'helm.sh/hook': 'post-install' }),
      job('backup', ns, { 'helm.sh/hook': 'pre-delete' }),
    );
    const install = await kcc(['apply', '-f', manifests, '--create-namespace', '--timeout', '90s']);
    expect(install.code, install.stderr).toBe(0);
    expect(await live(['job', 'backup', '-n', ns])).toBeUndefined();
    expect((await live(['job', 'init', '-n', ns])).status.succeeded).toBe(1);

    const dry = await kcc(['destroy', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(/Job\/it-hooks-delete\/backup pending — pre-delete hook would run: dry run/);
    expect(await live(['job', 'backup', '-n', ns])).toBeUndefined();

    const destroy = await kcc(['destroy', '--timeout', '90s']);
    expect(destroy.code, destroy.stderr).toBe(0);
    const lines = destroy.stderr.split('\n');
    const backedUp = lines.findIndex((l) => /Job\/it-hooks-delete\/backup succeeded/.test(l));
    const deleted = lines.findIndex((l) => /ConfigMap\/it-hooks-delete\/settings deleted/.test(l));
    expect(backedUp, destroy.stderr).toBeGreaterThan(0);
    expect(deleted, destroy.stderr).toBeGreaterThan(backedUp);
    expect(await live(['configmap', 'settings', '-n', ns])).toBeUndefined();
    // The post-install Job left by the install goes with the release; the pre-delete Job stays (its policy), as in Helm.
    expect(await live(['job', 'init', '-n', ns])).toBeUndefined();
    expect((await live(['job', 'backup', '-n', ns])).status.succeeded).toBe(1);
    await kubectl(['delete', 'job', 'backup', '-n', ns]); // so the test can run again on a reused cluster
  });

  it('kcc test runs the test hooks of the deployed revision, and fails with the failing test', async () => {
    const ns = 'it-hooks-test';
    const kcc = releaseRunner('web', ns);
    const smoke = job('smoke', ns, { 'helm.sh/hook': 'test' });
    const install = await kcc(['apply', '-f', docs(configMap(ns, 'v1'), smoke), '--create-namespace']);
    expect(install.code, install.stderr).toBe(0);
    expect(await live(['job', 'smoke', '-n', ns])).toBeUndefined(); // tests never run on apply

    const passed = await kcc(['test', '--timeout', '90s']);
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toMatch(/release web revision 1: 1 test passed \(Job\/it-hooks-test\/smoke\)/);
    expect((await live(['job', 'smoke', '-n', ns])).status.succeeded).toBe(1);

    // A failing test Pod, weighted after the Job: the Job passes again (re-created), the Pod fails the run.
    const broken = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke-db\n  namespace: ${ns}\n  labels: {kcc.dev/simulate: fail}\n  annotations: {helm.sh/hook: test, helm.sh/hook-weight: "1"}\nspec:\n  restartPolicy: Never\n  containers: [{name: check, image: busybox:1.36}]`;
    const upgrade = await kcc(['apply', '-f', docs(configMap(ns, 'v1'), smoke, broken)]);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const failed = await kcc(['test', '--timeout', '90s']);
    expect(failed.code, failed.stderr).toBe(2);
    expect(failed.stderr).toMatch(/test hook Pod\/it-hooks-test\/smoke-db pod failed/);
    const revisions = await history(kcc);
    const tests = Object.fromEntries(revisions[1].hooks.map((h: any) => [h.object, h.lastRun?.status]));
    expect(tests).toEqual({ 'Job/it-hooks-test/smoke': 'succeeded', 'Pod/it-hooks-test/smoke-db': 'failed' });
    const destroy = await kcc(['destroy']);
    expect(destroy.code, destroy.stderr).toBe(0);
  });

  it('a hook that never finishes times out with its pod\'s reason, and a hook the server would refuse stops the apply before any write', async () => {
    const ns = 'it-hooks-stuck';
    await kubectl(['create', 'namespace', ns]).catch(() => undefined); // exists when the cluster is reused
    const kcc = releaseRunner('stuck', ns);

    const invalid = job('bad', ns, { 'helm.sh/hook': 'pre-install' }).replace('backoffLimit: 0', 'backoffLimit: lots');
    const refused = await kcc(['apply', '-f', docs(configMap(ns, 'v1'), invalid)]);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toMatch(/preflight refused the apply[\s\S]*hook Job\/it-hooks-stuck\/bad/);
    expect(await live(['configmap', 'settings', '-n', ns])).toBeUndefined();
    expect(await live(['job', 'bad', '-n', ns])).toBeUndefined();

    const unschedulable = job('migrate', ns, { 'helm.sh/hook': 'pre-install' }, { pod: 'nodeSelector: {kcc.dev/no-such-node: "true"}' });
    const stuck = await kcc(['apply', '-f', docs(configMap(ns, 'v1'), unschedulable), '--timeout', '8s']);
    expect(stuck.code, stuck.stderr).toBe(2);
    expect(stuck.stderr).toMatch(/pre-install hook Job\/it-hooks-stuck\/migrate did not finish within 8 s: pod migrate-\w+: Unschedulable/);
    expect(stuck.stderr).toMatch(/didn't match Pod's node affinity\/selector/);
    // Nothing but the hook was written: the pre-install hook runs before the objects.
    expect(await live(['configmap', 'settings', '-n', ns])).toBeUndefined();
    const [revision] = await history(kcc);
    expect(revision.status).toBe('failed');
    expect(revision.failure.message).toMatch(/did not finish within 8 s: pod migrate-\w+: Unschedulable/);
    const destroy = await kcc(['destroy']);
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(await live(['job', 'migrate', '-n', ns])).toBeUndefined();
  });
});
