import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

const resources = `apiVersion: v1
kind: ServiceAccount
metadata: {name: sa, namespace: new}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: ServiceAccount, name: sa}
- {kind: ServiceAccount, name: sa, namespace: old}
`;

// Expected: kubectl kustomize's output for the same trees.
describe('RoleBinding subjects', () => {
  it('a subject without a namespace gets the kustomization namespace, even when the ServiceAccount was already there', async () => {
    const objects = await build(project({ 'kustomization.yaml': 'namespace: new\nresources: [r.yaml]\n', 'r.yaml': resources }));
    expect(objects.find((o) => o.kind === 'RoleBinding')!.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sa', namespace: 'new' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'old' },
    ]);
  });

  it('without a namespace transformer, subjects in another namespace are left alone', async () => {
    const objects = await build(project({ 'kustomization.yaml': 'namePrefix: p-\nresources: [r.yaml]\n', 'r.yaml': resources }));
    expect(objects.find((o) => o.kind === 'RoleBinding')!.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sa' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'old' },
    ]);
  });
});
