import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

const resources = `apiVersion: example.com/v1
kind: W
metadata:
  name: w
spec:
  a:
  g: ~
  c:
    d: null
    h:
  e: []
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector:
    matchLabels:
  template:
    spec:
      containers:
      - name: a
        image: b
        args: null
`;
const patch = 'apiVersion: example.com/v1\nkind: W\nmetadata:\n  name: w\n  labels: {p: q}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels: {p: q}\n';

// Expected: kubectl kustomize's output for the same tree.
describe('keys written with no value, in an object a strategic merge patch touches', () => {
  it('are dropped; explicit null and ~ stay', async () => {
    const objects = await build(project({ 'kustomization.yaml': 'resources: [r.yaml]\npatches:\n- path: p.yaml\n', 'r.yaml': resources, 'p.yaml': patch }));
    const w = objects.find((o) => o.kind === 'W')!;
    expect(w.spec).toEqual({ g: null, c: { d: null }, e: [] });
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.selector).toEqual({});
    expect(deployment.spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'b', args: null });
  });

  it('stay (as null) when no patch touches the object', async () => {
    const objects = await build(project({ 'kustomization.yaml': 'resources: [r.yaml]\n', 'r.yaml': resources }));
    expect(objects.find((o) => o.kind === 'W')!.spec).toEqual({ a: null, g: null, c: { d: null, h: null }, e: [] });
  });
});
