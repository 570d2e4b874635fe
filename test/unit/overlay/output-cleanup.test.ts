import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

describe('what kustomize drops from its output', () => {
  it('null or empty metadata.annotations go; labels and other empty fields stay', async () => {
    const dir = project({
      'kustomization.yaml': 'resources: [r.yaml]\n',
      'r.yaml': `apiVersion: v1
kind: Service
metadata:
  name: a
  annotations:
  labels:
spec: {}
---
apiVersion: v1
kind: Service
metadata:
  name: b
  annotations: {}
  labels: {}
spec:
  selector:
  ports: []
`,
    });
    const [a, b] = await build(dir);
    expect(a!.metadata).toEqual({ name: 'a', labels: null });
    expect(b!.metadata).toEqual({ name: 'b', labels: {} });
    expect(b!.spec).toEqual({ selector: null, ports: [] });
  });
});
