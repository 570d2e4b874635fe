import { describe, expect, it } from 'vitest';
import { readFastYamlStream } from '../../../src/core/fast-yaml.js';
import { parseKubectlYaml } from '../../../src/schema/kubectl-yaml.js';

/** The fast reader must give up or read exactly what kubectl's reading (the full parser) gives. */
function expectSameAsFullParser(text: string): unknown[] | undefined {
  const fast = readFastYamlStream(text);
  if (fast === undefined) return undefined;
  const full = parseKubectlYaml(text);
  expect(full.errors.flat()).toEqual([]);
  expect(full.duplicateKeys.flat()).toEqual([]);
  const values = full.documents.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
  expect(fast.map((d) => d.value).filter((v) => v !== null)).toEqual(values);
  return fast.map((d) => d.value);
}

const FLOW_DOCUMENTS = [
  '{\n  apiVersion: "v1",\n  kind: "Pod",\n  metadata: {\n    name: "p", # a comment\n  },\n  spec: { containers: [{ name: a, image: "nginx:1.27", args: [x, "y z", 3, yes] }] },\n}\n',
  '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "1"}}\n',
  '[1, 2, three]\n',
  '{a: 0755, b: ~, c: 1.5, d: "\\u00e9"}\n',
];
const GIVE_UP = [
  '{a: 1, a: 2}\n', // duplicate key
  '{a: [b: 1]}\n', // a pair in a sequence
  '{a: multi\n  line}\n', // a multi-line plain scalar
  '{a:1}\n', // no space after the colon
  '{a: *alias}\n',
  '{a: }\n',
  '%YAML 1.1\n---\na: 1\n',
  'a: 1\n...\n',
  '--- !tag\na: 1\n',
  '\uFEFFa: 1\n',
  '{a: "x\n  y"}\n',
];

describe('fast YAML stream reader', () => {
  it('reads documents separated by --- with the line and column where each starts', () => {
    const documents = readFastYamlStream('# c\n---\na: 1\n---\n# only a comment\n---\n  b: two\n')!;
    expect(documents).toEqual([
      { value: { a: 1 }, line: 3, column: 1 },
      { value: { b: 'two' }, line: 7, column: 3 },
    ]);
    expectSameAsFullParser('# c\n---\na: 1\n---\n# only a comment\n---\n  b: two\n');
  });

  it.each(FLOW_DOCUMENTS.map((text) => [text]))('reads the flow document %j as the full parser does', (text) => {
    expect(expectSameAsFullParser(text)).toBeDefined();
  });

  it.each(GIVE_UP.map((text) => [text]))('leaves %j to the full parser', (text) => {
    expect(readFastYamlStream(text)).toBeUndefined();
  });
});
