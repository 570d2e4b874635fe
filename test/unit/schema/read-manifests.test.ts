import { describe, expect, it } from 'vitest';
import { positionOf } from '../../../src/schema/node-positions.js';
import { readManifestText } from '../../../src/schema/read-manifests.js';

describe('readManifestText', () => {
  it('reads every document of a stream with its starting line, skipping empty documents', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n---\n# comment\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n';
    const { objects, issues } = readManifestText(text, 'm.yaml');
    expect(issues).toEqual([]);
    expect(objects.map((o) => [o.object.metadata.name, o.source.line])).toEqual([
      ['a', 1],
      ['b', 7],
    ]);
    expect(objects[0]!.source).toMatchObject({ kind: 'yaml', file: 'm.yaml' });
  });

  it('expands kind: List and keeps node positions of its items', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: one\n';
    const { objects } = readManifestText(text, 'l.yaml');
    expect(objects).toHaveLength(1);
    expect(objects[0]!.source.line).toBe(4);
    expect(positionOf(objects[0]!.object, ['metadata', 'name'])).toEqual({ line: 7, column: 13 });
    expect(positionOf(objects[0]!.object, ['metadata'], 'name')).toEqual({ line: 7, column: 7 });
  });

  it('reads YAML as kubectl does: 1.1 booleans and octal, merge keys, dates and times as strings', () => {
    const text = 'base: &b { x: 1 }\nv:\n  <<: *b\n  mode: 0644\n  debug: yes\n  when: 2024-01-01\n  at: 12:30\n';
    const [tracked] = readManifestText(text, 'k.yaml').objects;
    expect((tracked!.object as Record<string, unknown>).v).toEqual({ x: 1, mode: 420, debug: true, when: '2024-01-01', at: '12:30' });
  });

  it('reads JSON with positions too', () => {
    const { objects } = readManifestText('{\n  "apiVersion": "v1",\n  "kind": "Namespace",\n  "metadata": {"name": "x"}\n}\n', 'n.json');
    expect(objects[0]!.object.kind).toBe('Namespace');
    expect(positionOf(objects[0]!.object, ['kind'])).toEqual({ line: 3, column: 11 });
  });

  it('warns about a duplicate key with both lines and keeps the last value, as kubectl does', () => {
    const dup = readManifestText('apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: { name: s }\n', 'd.yaml');
    expect(dup.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'duplicate-key', location: expect.objectContaining({ line: 3, column: 1 }) })]);
    expect(dup.issues[0]!.message).toContain('key "kind" appears twice in one mapping (lines 2 and 3)');
    expect(dup.objects.map((o) => o.object.kind)).toEqual(['Secret']);
  });

  it('reports syntax errors with line, and a scalar document as not an object', () => {
    const broken = readManifestText('apiVersion: v1\nkind: ConfigMap\ndata: [\n', 'b.yaml');
    expect(broken.issues[0]).toMatchObject({ severity: 'error', code: 'yaml-syntax' });
    expect(broken.objects).toEqual([]);
    const scalar = readManifestText('just text\n', 's.yaml');
    expect(scalar.issues[0]).toMatchObject({ code: 'not-an-object', location: { line: 1 } });
  });

  it('explains a key:value line that breaks a mapping', () => {
    const { issues } = readManifestText('metadata:\n  labels:\n    app:nginx\n    tier: web\n', 'x.yaml');
    expect(issues[0]!.code).toBe('yaml-syntax');
    expect(issues[0]!.hint).toContain('add a space after the colon');
  });
});
