import { describe, expect, it } from 'vitest';
import { readFastYamlStream } from '../../../src/core/fast-yaml.js';
import { blockYamlPosition } from '../../../src/schema/block-yaml-positions.js';
import { parseKubectlYaml } from '../../../src/schema/kubectl-yaml.js';
import { positionOf, rememberYamlOrigin } from '../../../src/schema/node-positions.js';

const DOCUMENTS = `# leading comment
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    "tier": front
  annotations:
    "quoted.key/x": 'v'
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    spec:
      containers:
      - name: a
        image: nginx  # comment
        args: ["--x", y]
        command:
          - sh
          - -c
          - |
            echo hi
            echo there
        env:
        -   name: A
            value: "1"
        -
          name: B
          valueFrom:
            fieldRef:
              fieldPath: metadata.name
      volumes:
      - name: data
        emptyDir: {}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
data:
  empty:
  script: |-
    line
`;

function* pathsOf(value: unknown, path: (string | number)[] = []): Generator<(string | number)[]> {
  yield path;
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* pathsOf(child, [...path, Array.isArray(value) ? Number(key) : key]);
  }
}

describe('positions from the lines of block YAML', () => {
  it('are the positions the yaml library gives, or unknown (then the file is parsed)', () => {
    const lines = DOCUMENTS.split('\n');
    const documents = readFastYamlStream(DOCUMENTS)!;
    expect(documents).toHaveLength(2);
    const full = parseKubectlYaml(DOCUMENTS);
    let compared = 0;
    let unknown = 0;
    for (const [d, { value, line }] of documents.entries()) {
      const tree = {};
      rememberYamlOrigin(tree, full.documents[d]!, full.lineCounter);
      const check = (path: (string | number)[], key?: string): void => {
        const fromLines = blockYamlPosition(lines, line, path, key);
        if (fromLines === undefined) {
          unknown++;
          return;
        }
        compared++;
        expect(fromLines, `${path.join('.')} ${key ?? ''}`).toEqual(positionOf(tree, path, key));
      };
      for (const path of pathsOf(value)) {
        check(path);
        check([...path, 'missing']);
        check(path, 'missing');
        const node = path.reduce<unknown>((parent, segment) => (parent as Record<string, unknown> | null)?.[segment as string], value);
        if (node && typeof node === 'object' && !Array.isArray(node)) for (const key of Object.keys(node)) check(path, key);
      }
    }
    expect(compared).toBeGreaterThan(150);
    // Empty values and flow collections' members are left to the parser.
    expect(unknown).toBeGreaterThan(0);
  });

  it('points at the key of a mapping that is a sequence item', () => {
    const lines = DOCUMENTS.split('\n');
    expect(blockYamlPosition(lines, 2, ['spec', 'template', 'spec', 'containers', 0], 'image')).toEqual({ line: 20, column: 9 });
    expect(blockYamlPosition(lines, 2, ['spec', 'template', 'spec', 'containers', 0, 'env', 0], 'name')).toEqual({ line: 29, column: 13 });
  });
});
