import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

// kubectl kustomize gives dst data {a: hello, b: hello, c: src} for this tree.
describe('replacements: [{path}]', () => {
  it('reads a file holding one replacement or a list of them', async () => {
    const dir = project({
      'r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: src\ndata:\n  v: hello\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dst\ndata:\n  a: x\n  b: y\n',
      'list.yaml': `- source: {kind: ConfigMap, name: src, fieldPath: data.v}
  targets:
  - select: {name: dst}
    fieldPaths: [data.a]
- source: {kind: ConfigMap, name: src, fieldPath: data.v}
  targets:
  - select: {name: dst}
    fieldPaths: [data.b]
`,
      'one.yaml': 'source: {kind: ConfigMap, name: src, fieldPath: metadata.name}\ntargets:\n- select: {name: dst}\n  fieldPaths: [data.c]\n  options: {create: true}\n',
      'kustomization.yaml': 'resources: [r.yaml]\nreplacements:\n- path: list.yaml\n- path: one.yaml\n',
    });
    const destination = (await build(dir)).find((o) => o.metadata.name === 'dst')!;
    expect(destination.data).toEqual({ a: 'hello', b: 'hello', c: 'src' });
  });
});
