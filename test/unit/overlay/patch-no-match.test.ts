import { describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../src/overlay/index.js';
import { project } from './fixture.js';

const files = {
  'kustomization.yaml': `resources: [d.yaml]
patches:
- target: {kind: Deployment, name: (web|api)}
  patch: '[{"op": "add", "path": "/metadata/labels", "value": {"a": "b"}}]'
- target: {kind: Deployment, name: worker}
  patch: '[{"op": "add", "path": "/spec/replicas", "value": 3}]'
`,
  'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n',
};

describe('a patch whose target selects nothing', () => {
  it('is a warning by default, and the build goes on as kustomize does', async () => {
    const { objects, warnings } = await buildKustomization(project(files));
    expect(objects.map((tracked) => tracked.object.metadata.labels)).toEqual([{ a: 'b' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/kustomization\.yaml:5: patch patches\[1\] matches nothing \(target kind=Deployment, name=worker\)/);
  });

  it('is an error with strict', async () => {
    await expect(buildKustomization(project(files), { strict: true })).rejects.toThrow(/patches\[1\] matches nothing/);
  });
});
