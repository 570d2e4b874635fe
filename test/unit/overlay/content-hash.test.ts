import { describe, expect, it } from 'vitest';
import { contentHash, goJson } from '../../../src/overlay/content-hash.js';

// Expected suffixes were produced by `kubectl kustomize` (kustomize v5.5) from the same generators.
describe('content hash (same suffix as kustomize)', () => {
  it('ConfigMap from literals', () => {
    expect(contentHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } })).toBe('h29d89cmmt');
  });
  it('does not depend on the name (kustomize hashes an empty name), and escapes like Go', () => {
    expect(contentHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p-cm' }, data: { a: '1', b: '<x&y>' } })).toBe('cchh4fmt2g');
  });
  it('ConfigMap without data', () => {
    expect(contentHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'p-empty' } })).toBe('6ct58987ht');
  });
  it('Secret', () => {
    expect(contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'p-s' }, type: 'Opaque', data: { k: 'dg==' } })).toBe('ftgtgc4t9f');
  });
  it('Go JSON: sorted keys, HTML-safe escapes, \\u00XX controls', () => {
    expect(goJson({ b: '<a>&\u0001\n', a: [1, true, null] })).toBe('{"a":[1,true,null],"b":"\\u003ca\\u003e\\u0026\\u0001\\n"}');
  });
});
