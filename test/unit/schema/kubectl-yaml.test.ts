import { describe, expect, it } from 'vitest';
import { parseKubectlYaml } from '../../../src/schema/kubectl-yaml.js';

function readOne(text: string): { value: unknown; errors: string[]; duplicates: unknown[] } {
  const parsed = parseKubectlYaml(text);
  return {
    value: parsed.documents[0]?.toJS(),
    errors: parsed.errors.flat().map((e) => `${e.code} ${e.linePos?.[0]?.line}`),
    duplicates: parsed.duplicateKeys.flat(),
  };
}

describe('parseKubectlYaml: what go-yaml accepts', () => {
  it('keeps the last value of a duplicate key and reports both lines', () => {
    const { value, errors, duplicates } = readOne('metadata:\n  name: a\n  labels: {}\n  name: b\n');
    expect(errors).toEqual([]);
    expect(value).toEqual({ metadata: { name: 'b', labels: {} } });
    expect(duplicates).toEqual([{ key: 'name', firstLine: 2, line: 4, column: 3 }]);
  });

  it("reads \\' in a double-quoted scalar as a quote, and leaves \\\\ and other escapes alone", () => {
    const { value, errors } = readOne('command: ["sh", "-c", "echo \\"A=\\\'x\\\'\\nB\\" > f; echo \\\\\'"]\n');
    expect(errors).toEqual([]);
    expect(value).toEqual({ command: ['sh', '-c', `echo "A='x'\nB" > f; echo \\'`] });
  });

  it('still rejects an escape go-yaml rejects too', () => {
    expect(readOne('a: "bad \\q"\n').errors).toEqual(['BAD_DQ_ESCAPE 1']);
  });

  it('reads a quoted scalar whose continuation lines are indented less than its key', () => {
    const text = "spec:\n  containers:\n  - command: ['sh', '-c', 'echo hello\n  world; sleep 1']\n    name: x\n  other: \"two\nlines\"\n";
    const { value, errors } = readOne(text);
    expect(errors).toEqual([]);
    expect(value).toEqual({ spec: { containers: [{ command: ['sh', '-c', 'echo hello world; sleep 1'], name: 'x' }], other: 'two lines' } });
  });

  it('keeps line numbers when it re-indents, so later errors point where they are', () => {
    const { errors } = readOne("a:\n  b: 'one\n two'\n  c: [\n  d: x\n");
    expect(errors[0]).toMatch(/^\w+ 5$/);
  });

  it('says "Missing closing quote" only when the quote never closes', () => {
    expect(readOne("a:\n  b: 'one\n  c: 1\n").errors).toEqual(['MISSING_CHAR 4']);
    // A quote that closes only at the next scalar's opening quote is a real mistake: not "fixed".
    expect(readOne("a:\n  b: 'one\n  c: 'two'\n").errors).toEqual(['MISSING_CHAR 2']);
  });
});
