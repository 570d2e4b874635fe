import { describe, expect, it } from 'vitest';
import { applyJsonPatch } from '../../../src/overlay/json-patch.js';

// As kustomize (evanphx/json-patch) applies them; checked with kubectl kustomize.
describe('JSON 6902 operations as kustomize applies them', () => {
  const document = { data: { a: '1' }, list: [1, 2] };

  it('replace of a missing member adds it when its parent exists', () => {
    expect(applyJsonPatch(document, [{ op: 'replace', path: '/data/missing', value: '2' }, { op: 'replace', path: '/spec', value: { x: 1 } }])).toEqual({
      data: { a: '1', missing: '2' },
      list: [1, 2],
      spec: { x: 1 },
    });
  });

  it('replace under a missing parent, or past the end of a list, still fails', () => {
    expect(() => applyJsonPatch(document, [{ op: 'replace', path: '/spec/deep/x', value: 1 }])).toThrow(/does not exist/);
    expect(() => applyJsonPatch(document, [{ op: 'replace', path: '/list/2', value: 1 }])).toThrow(/out of range/);
  });

  it('test compares objects regardless of key order, and fails on a different value', () => {
    const patched = applyJsonPatch({ data: { a: '1', b: '2' } }, [{ op: 'test', path: '/data', value: { b: '2', a: '1' } }]);
    expect(patched).toEqual({ data: { a: '1', b: '2' } });
    expect(() => applyJsonPatch({ data: { a: '1', b: '2' } }, [{ op: 'test', path: '/data', value: { b: '2', a: '3' } }])).toThrow(/test failed/);
    expect(() => applyJsonPatch({ list: [1, 2] }, [{ op: 'test', path: '/list', value: [2, 1] }])).toThrow(/test failed/);
  });
});
