import { describe, expect, it } from 'vitest';
import { kubectl } from './shared-cluster.js';
import { manifestFile, releaseRunner, webApp } from './apply-helpers.js';

const ns = 'it-apply';
const kcc = releaseRunner('web', ns);

async function history(): Promise<{ revision: number; status: string; description: string }[]> {
  const run = await kcc(['history', '-o', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('kcc apply against the bundled cluster', () => {
  it('installs, upgrades with an observed rollout, rolls back, and keeps three revisions', async () => {
    const install = await kcc(['apply', '-f', manifestFile(webApp(ns))]);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain('revision 1 deployed');
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25');

    const upgrade = await kcc(['apply', '-f', manifestFile(webApp(ns, { image: 'nginx:1.26' }))]);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stderr).toContain('Deployment/it-apply/web configured');
    expect(upgrade.stderr).toMatch(/Deployment\/it-apply\/web ready/);
    expect(upgrade.stdout).toContain('1 configured');
    // The rollout was waited for: the new ReplicaSet's pods are all available.
    const status = JSON.parse(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'json']));
    expect(status.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(status.status.updatedReplicas).toBe(2);
    expect(status.status.availableReplicas).toBe(2);
    let revisions = await history();
    expect(revisions.map((r) => [r.revision, r.status])).toEqual([[1, 'superseded'], [2, 'deployed']]);

    const rollback = await kcc(['rollback']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stdout).toContain('rolled back to revision 1 as revision 3');
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25');
    revisions = await history();
    expect(revisions).toHaveLength(3);
    expect(revisions[2]).toMatchObject({ revision: 3, status: 'deployed', description: 'rollback to 1' });

    // Records are Secrets of kcc's own type, one per revision.
    const secrets = await kubectl(['get', 'secrets', '-n', ns, '--field-selector', 'type=kcc.dev/release.v1', '-o', 'name']);
    expect(secrets.trim().split('\n')).toHaveLength(3);
  });

  it('does nothing on an unchanged apply, with one LIST per kind', async () => {
    const again = await kcc(['apply', '-f', manifestFile(webApp(ns)), '-o', 'json']);
    expect(again.code, again.stderr).toBe(0);
    const result = JSON.parse(again.stdout.trim().split('\n').pop()!);
    expect(result).toMatchObject({ type: 'result', changed: false, create: 0, update: 0, unchanged: 5 });
    expect(await history()).toHaveLength(3);
  });

  it('prunes an object dropped from the configuration and nothing else', async () => {
    // An object kcc did not create, in the same namespace, with the same kind.
    await kubectl(['create', 'configmap', 'not-ours', '-n', ns, '--from-literal=a=b']);
    const dropped = await kcc(['apply', '-f', manifestFile(webApp(ns, { configMap: false }))]);
    expect(dropped.code, dropped.stderr).toBe(0);
    expect(dropped.stderr).toContain('ConfigMap/it-apply/settings pruned');
    const configMaps = await kubectl(['get', 'configmaps', '-n', ns, '-o', 'name']);
    expect(configMaps).not.toContain('configmap/settings');
    expect(configMaps).toContain('configmap/not-ours');
    expect(await kubectl(['get', 'deployment,service,secret', '-n', ns, '-o', 'name'])).toMatch(/deployment.apps\/web[\s\S]*service\/web/);
    // kubectl understands the ApplySet: the parent lists the kinds and members carry part-of.
    const parent = JSON.parse(await kubectl(['get', 'secret', 'kcc-applyset-web', '-n', ns, '-o', 'json']));
    expect(parent.metadata.labels['applyset.kubernetes.io/id']).toMatch(/^applyset-.+-v1$/);
    expect(parent.metadata.annotations['applyset.kubernetes.io/contains-group-kinds']).toBe('Deployment.apps,Namespace,Secret,Service');
    const deployment = JSON.parse(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'json']));
    expect(deployment.metadata.labels['applyset.kubernetes.io/part-of']).toBe(parent.metadata.labels['applyset.kubernetes.io/id']);
  });

  it('reports a field conflict with the other manager, and --force-conflicts takes the field', async () => {
    await kubectl(['scale', 'deployment', 'web', '-n', ns, '--replicas=3']);
    // kubectl scale does not own spec.replicas through apply; a manager that applies it does.
    await kubectl(['apply', '--server-side', '--field-manager', 'team-b', '--force-conflicts', '-f', '-'], {
      input: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n`,
    });
    const conflicted = await kcc(['apply', '-f', manifestFile(webApp(ns, { configMap: false, image: 'nginx:1.28' }))]);
    // Another declarative manager (an Apply) owns the fields: preflight refuses before any write.
    const revisions = (await history()).length;
    expect(conflicted.code).toBe(1);
    expect(conflicted.stderr).toContain('Deployment/it-apply/web');
    expect(conflicted.stderr).toContain('team-b');
    expect(conflicted.stderr).toMatch(/\.spec\.(replicas|template\.spec\.containers)/);
    expect(conflicted.stderr).toContain('--force-conflicts');
    expect(conflicted.stderr).toContain('nothing was written');
    expect(await history()).toHaveLength(revisions);
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.27');

    const forced = await kcc(['apply', '-f', manifestFile(webApp(ns, { configMap: false, image: 'nginx:1.28' })), '--force-conflicts']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.28');
  });

  it('explains an immutable field change at plan time, and --force-replace recreates the object', async () => {
    const changed = webApp(ns, { configMap: false, image: 'nginx:1.28' }).replace('matchLabels: {app: web}', 'matchLabels: {app: web, tier: front}').replace('labels: {app: web}}', 'labels: {app: web, tier: front}}');
    const refused = await kcc(['apply', '-f', manifestFile(changed)]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Deployment/it-apply/web: spec.selector cannot change');
    expect(refused.stderr).toContain('--force-replace');
    const replaced = await kcc(['apply', '-f', manifestFile(changed), '--force-replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('Deployment/it-apply/web replaced');
  });

  it('never shows Secret values: apply output, history, status, JSON events, dry run', async () => {
    const secret = 'Zebra-Quartz-9931-value';
    const file = manifestFile(webApp(ns, { configMap: false, secret, image: 'nginx:1.28' }).replace('matchLabels: {app: web}', 'matchLabels: {app: web, tier: front}').replace('labels: {app: web}}', 'labels: {app: web, tier: front}}'));
    const encoded = Buffer.from(secret).toString('base64');
    const runs = [
      await kcc(['apply', '-f', file, '--dry-run']),
      await kcc(['apply', '-f', file, '-o', 'json']),
      await kcc(['history', '-o', 'json']),
      await kcc(['status', '-o', 'json']),
      await kcc(['diff', '-f', manifestFile(webApp(ns, { secret: 'Other-Value-77231' }))]),
    ];
    for (const run of runs) {
      expect(run.code, run.stderr).toBeLessThan(2);
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(encoded);
        expect(text).not.toContain('Other-Value-77231');
      }
    }
  });

  it('destroys the release in reverse order and removes its history', async () => {
    const destroyed = await kcc(['destroy']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await kubectl(['get', 'deployments,services', '-n', ns, '-o', 'name'])).toBe('');
    expect(await kubectl(['get', 'secrets', '-n', ns, '--field-selector', 'type=kcc.dev/release.v1', '-o', 'name'])).toBe('');
    expect(await kubectl(['get', 'configmap', 'not-ours', '-n', ns, '-o', 'name'])).toContain('not-ours');
  });
});
