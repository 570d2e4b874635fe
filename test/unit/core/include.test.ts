import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { parseManifests as parse } from '../../../src/core/include.js';

const parseManifests = (text: string, file: string) => parse(text, file, yaml);

describe('parseManifests', () => {
  it('reads every document with its line, expanding Lists', () => {
    const text = '# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\n---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: { name: s }\n';
    const objects = parseManifests(text, 'm.yaml');
    expect(objects.map((t) => [t.object.kind, t.source.line])).toEqual([
      ['ConfigMap', 2],
      ['Secret', 8],
    ]);
  });

  it('reports syntax errors and non-objects with a location', () => {
    expect(() => parseManifests('a: [1, 2\n', 'bad.yaml')).toThrow(/malformed YAML/);
    expect(() => parseManifests('- 1\n', 'list.yaml')).toThrow(/must be a mapping/);
    expect(() => parseManifests('kind: ConfigMap\n', 'x.yaml')).toThrow(/no apiVersion/);
  });
});
