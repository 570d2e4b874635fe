import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

const resources = `apiVersion: policy/v1beta1
kind: PodSecurityPolicy
metadata: {name: psp}
spec: {}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb, namespace: old}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: ServiceAccount, name: sa, namespace: old}
- {kind: ServiceAccount, name: default}
- {kind: ServiceAccount, name: other, namespace: elsewhere}
- {kind: User, name: u}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: sa, namespace: old}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
subjects:
- {kind: ServiceAccount, name: sa, namespace: old}
- {kind: ServiceAccount, name: nosa, namespace: old}
`;

// Expected: kubectl kustomize's output for the same tree.
describe('namespace: edge cases', () => {
  it('removed cluster-scoped kinds stay cluster-scoped; RBAC subjects follow their ServiceAccount', async () => {
    const objects = await build(project({ 'kustomization.yaml': 'namespace: new\nresources: [r.yaml]\n', 'r.yaml': resources }));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}`)).toEqual([
      'ServiceAccount/new',
      'PodSecurityPolicy/',
      'RoleBinding/new',
      'ClusterRoleBinding/',
    ]);
    const rb = objects.find((o) => o.kind === 'RoleBinding')!;
    expect(rb.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sa', namespace: 'new' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'new' },
      { kind: 'ServiceAccount', name: 'other', namespace: 'elsewhere' },
      { kind: 'User', name: 'u' },
    ]);
    const crb = objects.find((o) => o.kind === 'ClusterRoleBinding')!;
    expect(crb.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'sa', namespace: 'new' },
      { kind: 'ServiceAccount', name: 'nosa', namespace: 'old' },
    ]);
  });
});
