import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKubeconfig } from './shared-cluster.js';

const rbac = `apiVersion: v1
kind: Namespace
metadata: {name: can-i}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: can-i}
rules: [{apiGroups: [""], resources: [pods, pods/log], verbs: [get, list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: jane-reads-pods, namespace: can-i}
subjects: [{kind: User, name: jane, apiGroup: rbac.authorization.k8s.io}]
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
`;

describe('kcc can-i', () => {
  it('answers from the cluster authorizer with exit code 0 for yes and 1 for no', async () => {
    await kubectl(['apply', '-f', '-'], { input: rbac });
    const ask = (...args: string[]) => runKcc(['can-i', ...args, '--kubeconfig', testKubeconfig()]);

    const reads = await ask('get', 'pods/log', '-n', 'can-i', '--as', 'jane');
    expect(reads.code, reads.stderr).toBe(0);
    expect(reads.stdout.trim()).toMatch(/^yes/);

    const deletes = await ask('delete', 'pods', '-n', 'can-i', '--as', 'jane', '--output', 'json');
    expect(deletes.code).toBe(1);
    expect(JSON.parse(deletes.stdout)).toMatchObject({ allowed: false, subject: 'jane' });

    const elsewhere = await ask('get', 'pods', '-n', 'default', '--as', 'jane');
    expect(elsewhere.code).toBe(1);

    const admin = await ask('create', 'deployments.apps', '-n', 'can-i');
    expect(admin.code, admin.stderr).toBe(0);

    // Without -n, the kubeconfig context's namespace, as kubectl does; -A asks cluster-wide.
    const config = parse(readFileSync(testKubeconfig(), 'utf8'));
    const inNamespace = join(mkdtempSync(join(tmpdir(), 'kcc-can-i-')), 'kubeconfig.yaml');
    writeFileSync(inNamespace, stringify({ ...config, contexts: config.contexts.map((c: any) => ({ ...c, context: { ...c.context, namespace: 'can-i' } })) }));
    const fromContext = await runKcc(['can-i', 'get', 'pods', '--as', 'jane', '--kubeconfig', inNamespace]);
    expect(fromContext.code, fromContext.stderr).toBe(0);
    expect((await ask('get', 'pods', '--as', 'jane')).code).toBe(1);
    expect((await runKcc(['can-i', 'get', 'pods', '--as', 'jane', '-A', '--kubeconfig', inNamespace])).code).toBe(1);
  });
});
