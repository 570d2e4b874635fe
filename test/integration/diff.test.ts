import { describe, expect, it } from 'vitest';
import { kubectl } from './shared-cluster.js';
import { manifestFile, releaseRunner, webApp } from './apply-helpers.js';

const ns = 'it-diff';
const kcc = releaseRunner('catalog', ns);

describe('kcc diff', () => {
  it('exits 1 with a diff per object for a first install, 0 once applied, 1 again after a change', async () => {
    const file = manifestFile(webApp(ns));
    const fresh = await kcc(['diff', '-f', file, '--exit-code', '--no-color']);
    expect(fresh.code, fresh.stderr).toBe(1);
    expect(fresh.stdout).toContain('# Deployment/it-diff/web (create)');
    expect(fresh.stdout).toContain('+++ kcc/Deployment/it-diff/web');
    expect(fresh.stdout).toContain('+        - image: nginx:1.25');
    expect(fresh.stdout).toContain('# Namespace/it-diff (create)');

    expect((await kcc(['apply', '-f', file])).code).toBe(0);
    const none = await kcc(['diff', '-f', file, '--exit-code']);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain('no changes');

    const changed = await kcc(['diff', '-f', manifestFile(webApp(ns, { image: 'nginx:1.26', configMap: false, secret: 'New-Secret-Value-1' })), '--exit-code', '--no-color']);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('-        - image: nginx:1.25');
    expect(changed.stdout).toContain('+        - image: nginx:1.26');
    // Server-side dry run: the "after" side carries the server's defaults, so they are not shown as removed.
    expect(changed.stdout).not.toMatch(/^-\s+progressDeadlineSeconds/m);
    expect(changed.stdout).toContain('# ConfigMap/it-diff/settings (prune)');
    expect(changed.stdout).toMatch(/-\s+password: "?\*\*\* \(old value\)/);
    expect(changed.stdout).toMatch(/\+\s+password: "?\*\*\* \(new value\)/);
    expect(changed.stdout).not.toContain('New-Secret-Value-1');
    expect(changed.stdout).not.toContain(Buffer.from('Hunter2-secret-value').toString('base64'));
    // Nothing was written.
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.25');
  });

  it('shows edits made outside kcc without any flag, naming the manager whose edit apply takes back', async () => {
    const file = manifestFile(webApp(ns));
    await kubectl(['set', 'image', 'deployment/web', '-n', ns, 'web=nginx:9.9']);
    const drift = await kcc(['diff', '-f', file, '--exit-code', '--no-color']);
    expect(drift.code, drift.stderr).toBe(1);
    expect(drift.stdout).toContain('(update: drifted from the configuration at spec.template.spec.containers[0].image)');
    expect(drift.stdout).toContain('takes back fields edited by kubectl-set');
    expect(drift.stdout).toContain('-        - image: nginx:9.9');
    expect(drift.stdout).toContain('+        - image: nginx:1.25');
    expect((await kcc(['diff', '-f', file, '--all', '--exit-code'])).code).toBe(1);
  });

  it('exits 2 or more on errors under --exit-code', async () => {
    const broken = await kcc(['diff', '-f', '/nonexistent/manifests.yaml', '--exit-code']);
    expect(broken.code).toBeGreaterThanOrEqual(2);
  });
});
