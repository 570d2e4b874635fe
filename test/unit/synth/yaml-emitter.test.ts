import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { emitYaml } from '../../../src/core/yaml-emitter.js';

/** Strings that trip YAML emitters: every one must come back as the same string. */
const TRICKY = [
  '', ' ', 'on', 'off', 'yes', 'no', 'y', 'n', 'Y', 'N', 'true', 'False', 'null', 'Null', '~', '0755', '0o17', '0x1F', '0b101',
  '1e3', '1.5', '.5', '5.', '-1', '+1', '1_000', '12:30', '190:20:30.15', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '.inf',
  '-.inf', '.nan', '<<', '=', '-', '- a', '-a', '--', '---', '...', '?', '? a', ':', 'a:', 'a: b', 'a:b', 'a #b', 'a#b', '#a',
  '&a', '*a', '!a', '|', '>', "'", '"', '%a', '@a', '`a', '[a]', '{a}', 'a,b', ' a', 'a ', '\ta', 'a\tb', 'a\u0000b', 'é',
  '\u2028', 'x\u0085y', '100m', '1Gi', '80%', '/bin/sh', 'app.kubernetes.io/name', 'line1\nline2', 'line1\nline2\n',
  'line1\nline2\n\n', 'a\n\nb', '\nlead', ' lead\nx', 'x\n  indented\n', 'x\n   \ny', 'x\r\ny', 'trailing  \nspaces', 'a\n',
  '\n', '\n\n', '# not a comment\nline', '- not a list\nx', 'key: value\n', 'ünï\ncode\n', '0', '00', '1', '-0', '6.8523015e+5',
];

function roundTrip(value: unknown): void {
  const text = emitYaml(value);
  for (const version of ['1.1', '1.2'] as const) {
    expect(parse(text, { version, uniqueKeys: true }), `${version}:\n${text}`).toEqual(value);
  }
}

describe('emitYaml', () => {
  it('round-trips tricky strings as values, keys and sequence items under YAML 1.1 and 1.2', () => {
    for (const s of TRICKY) {
      roundTrip({ value: s });
      roundTrip({ nested: { deeper: s } });
      roundTrip({ list: [s, { k: s }] });
      if (s !== '') roundTrip({ [s]: 1 });
    }
  });

  it('round-trips numbers, booleans, null and empty collections', () => {
    roundTrip({ a: 1, b: -2.5, c: 1e21, d: 1e-7, e: true, f: false, g: null, h: {}, i: [], j: [[]], k: [{}], l: 0 });
  });

  it('round-trips random nested data', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const make = (depth: number): unknown => {
      const r = random();
      if (depth > 3 || r < 0.4) return pick<unknown>([pick(TRICKY), Math.floor(random() * 1000), random(), true, null]);
      if (r < 0.7) return Array.from({ length: Math.floor(random() * 4) }, () => make(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(TRICKY), make(depth + 1)]));
    };
    for (let i = 0; i < 300; i++) roundTrip({ root: make(0) });
  });

  it('writes manifests in block style with sequences indented under their key', () => {
    const text = emitYaml(
      { spec: { containers: [{ name: 'web', ports: [{ containerPort: 80 }], args: ['-c', 'on'] }] }, metadata: { name: 'x' }, kind: 'Pod', apiVersion: 'v1' },
      { canonicalKeys: true },
    );
    expect(text).toBe(
      ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: x', 'spec:', '  containers:', '    - args:', '        - "-c"', '        - "on"', '      name: web', '      ports:', '        - containerPort: 80', ''].join('\n'),
    );
    expect(parseAllDocuments(text)).toHaveLength(1);
  });

  it('writes multi-line strings as literal blocks', () => {
    expect(emitYaml({ data: { 'game.properties': 'a=1\nb=2\n' } })).toBe('data:\n  game.properties: |\n    a=1\n    b=2\n');
  });
});
