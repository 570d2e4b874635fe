import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GO_YAML_INT_TAG } from '../../../src/overlay/yaml-ints.js';
import { readFastYaml } from '../../../src/overlay/fast-yaml.js';

function full(text: string): unknown[] {
  return parseAllDocuments(text, { customTags: (tags) => [GO_YAML_INT_TAG, ...tags] }).map((doc) => doc.toJS()).filter((v) => v !== null && v !== undefined);
}

function fast(text: string): unknown[] | undefined {
  return readFastYaml(text)?.map((d) => d.value).filter((v) => v !== null && v !== undefined);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

describe('fast YAML reader', () => {
  const root = fileURLToPath(new URL('../../conformance/kustomize/cases', import.meta.url));
  it('reads every conformance fixture as the yaml library does (or gives up)', () => {
    let read = 0;
    for (const file of yamlFiles(root)) {
      const text = readFileSync(file, 'utf8');
      const result = fast(text);
      if (result === undefined) continue;
      read++;
      expect(result, file).toEqual(full(text));
    }
    expect(read).toBeGreaterThan(60);
  });

  it.each([
    ['scalars', 'a: 1\nb: 1.5\nc: true\nd: ~\ne: "x"\nf: \'it\'\'s\'\ng: 0x1f\nh: 1e3\ni: yes\nj: 0755\nk: -.inf\nl:\n'],
    ['nested', 'a:\n  b:\n  - c: 1\n    d: [1, "two", {e: f}]\n  - - x\n    - y\n  -\n    z: 1\nk:\n- 1\n- 2\n'],
    ['block scalars', 'a: |\n  line 1\n\n  line 3\nb: |-\n  x\nc: >\n  folded\n  text\n\n  para\nd: |+\n  keep\n\ne: end\n'],
    ['comments and documents', '# c\n---\na: 1 # trailing\n---\n---\nb: [ ]\nc: { }\n'],
  ])('%s', (_name, text) => {
    expect(fast(text)).toEqual(full(text));
  });

  it.each([['anchor', 'a: &x 1\nb: *x\n'], ['multi-line plain', 'a: one\n  two\n'], ['escape', 'a: "\\n"\n'], ['duplicate', 'a: 1\na: 2\n'], ['tag', 'a: !!str 1\n']])('gives up on %s', (_name, text) => {
    expect(readFastYaml(text)).toBeUndefined();
  });
});
