import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalize, toYamlStream } from '../../src/core/serialize.js';

describe('serialize', () => {
  it('orders apiVersion, kind, metadata first and sorts the rest at every depth', () => {
    const value = canonicalize({ spec: { b: 1, a: 2 }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1', data: {} });
    expect(Object.keys(value)).toEqual(['apiVersion', 'kind', 'metadata', 'data', 'spec']);
    expect(Object.keys(value.spec)).toEqual(['a', 'b']);
  });

  it('quotes strings a YAML 1.1 parser would read as booleans, octals or numbers', () => {
    const text = toYamlStream([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'on', b: 'yes', c: '0755', d: 'n' } }]);
    for (const word of ['on', 'yes', '0755', 'n']) expect(text).toContain(`"${word}"`);
    expect(parse(text, { version: '1.1' }).data).toEqual({ a: 'on', b: 'yes', c: '0755', d: 'n' });
  });
});
