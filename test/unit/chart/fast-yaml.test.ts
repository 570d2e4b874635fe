import { describe, expect, it } from 'vitest';
import { emitYaml } from '../../../src/core/yaml-emitter.js';
import { parseFastYaml } from '../../../src/core/fast-yaml.js';
import { resolvePlainScalar } from '../../../src/core/yaml-scalars.js';
import { parseYaml } from '../../../src/chart/yaml-parse.js';

/** The fast reader must either give up or read exactly what the full parser reads. */
function expectSameAsFullParser(text: string): unknown {
  const fast = parseFastYaml(text.split('\n'));
  if (fast !== undefined) expect(fast).toEqual(parseYaml(text));
  return fast;
}

const CASES = [
  'a: 1\nb: two\nc:\n  d: [x, "y", 3]\n  e: {}\n  f: []\n',
  'list:\n- a\n- b: 1\n  c: 2\n-   d\nnext: x\n',
  'spec:\n  containers:\n    - name: web  # a comment\n      image: "nginx:1.27"\n      args: ["--a=1", \'--b\']\n      ports:\n        - containerPort: 80\n',
  "quoted: 'it''s'\ndq: \"tab\\tnew\\nline \\u00e9\"\n\"key with space\": 1\n'single key': 2\n",
  'script: |\n  echo one\n\n  echo two\nafter: 1\n',
  'keep: |+\n  text\n\n\nstrip: |-\n  text\n\nclip: |\n  text\n\n',
  'empty: |\nnext: 1\n',
  'nested: |\n    deeper\n      more\n    back\n',
  'v: 0755\nw: 0x1F\nx: 1_000\nexp: 1e3\nz: .5\no: yes\nnn: n\nnull1: ~\nnull2:\ninf: -.inf\n',
  'url: http://example.com:8080/path\ntime: 12:30\ndate: 2024-01-01\nver: 1.10\nstr: 1.2.3\n',
  'anchors: &a 1\nref: *a\n',
  'folded: >\n  a\n  b\n',
  'multi: plain\n  continued\n',
  'dup: 1\ndup: 2\n',
  '? complex\n: value\n',
  'tagged: !!str 1\n',
  'a:\n\tb: 1\n',
  'x: "unterminated\n',
  'bad: [a, [b]]\n',
  'hash: a#b\ncomment: a #b\n',
  '# only a comment\n',
  '- 1\n- - nested\n',
  'a: b: c\n',
  'cpu: 100m\nmemory: 128Mi\nratio: 0.5\nneg: -1\nplus: +1\n',
  'escaped: "\\x41"\n',
  'empty_str: ""\nsingle_empty: \'\'\n',
  '  indented: 1\n  top: 2\n',
  'k: v\n   # deeper comment\nj: w\n',
];

describe('fast YAML reader', () => {
  it.each(CASES.map((text) => [text]))('reads %j as the full parser does, or gives up', (text) => {
    expectSameAsFullParser(text);
  });

  it('reads the usual manifest shapes itself (no fallback)', () => {
    expect(expectSameAsFullParser(CASES[0]!)).toBeDefined();
    expect(expectSameAsFullParser(CASES[2]!)).toBeDefined();
    expect(expectSameAsFullParser(CASES[4]!)).toBeDefined();
    expect(expectSameAsFullParser(CASES[8]!)).toBeDefined();
  });

  it('gives up on anchors, folded and multi-line scalars, duplicates and tabs', () => {
    for (const text of [CASES[10], CASES[11], CASES[12], CASES[13], CASES[16]]) expect(parseFastYaml(text!.split('\n'))).toBeUndefined();
  });

  it('round-trips random objects emitted by kcc', () => {
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const words = ['a', 'on', 'yes', '0755', '1.5', 'x y', 'a: b', '#x', '- z', '', 'line\nbreak', 'trail\n', ' lead', 'q"t', "s'q", 'tab\tx', '12:30', 'ü'];
    const value = (depth: number): unknown => {
      const kind = random(depth > 3 ? 4 : 7);
      if (kind === 0) return words[random(words.length)];
      if (kind === 1) return random(1000) - 500;
      if (kind === 2) return random(2) === 0;
      if (kind === 3) return null;
      if (kind === 4) return Array.from({ length: random(4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: random(4) }, (_, i) => [`${words[random(words.length)]}${i}`, value(depth + 1)]));
    };
    let fastCount = 0;
    for (let run = 0; run < 300; run++) {
      const object = { root: value(0) };
      const text = emitYaml(object);
      const fast = parseFastYaml(text.split('\n'));
      if (fast !== undefined) {
        fastCount++;
        expect(fast).toEqual(parseYaml(text));
      }
    }
    expect(fastCount).toBeGreaterThan(100);
  });

  it('resolves plain scalars with YAML 1.1 rules, as kubectl does', () => {
    expect(resolvePlainScalar('0755')).toBe(493);
    expect(resolvePlainScalar('on')).toBe(true);
    expect(resolvePlainScalar('n')).toBe(false);
    expect(resolvePlainScalar('12:30')).toBe('12:30');
    expect(resolvePlainScalar('128Mi')).toBe('128Mi');
    expect(resolvePlainScalar('1e3')).toBe(1000);
  });
});
