import { describe, expect, it } from 'vitest';
import { applyJsonPatch, JsonPatch, parsePointer } from '../../../src/core/json-patch.js';

describe('JSON patch (RFC 6902)', () => {
  it('adds, replaces, removes, moves, copies and tests', () => {
    const doc = { a: { b: 1 }, list: [1, 2], 'x/y': { '~z': 0 } };
    const result = applyJsonPatch(structuredClone(doc), [
      JsonPatch.add('/a/c', 2),
      JsonPatch.replace('/a/b', 10),
      JsonPatch.add('/list/1', 9),
      JsonPatch.add('/list/-', 3),
      JsonPatch.remove('/list/0'),
      JsonPatch.copy('/a', '/copied'),
      JsonPatch.move('/x~1y/~0z', '/moved'),
      JsonPatch.test('/moved', 0),
    ]);
    expect(result).toEqual({ a: { b: 10, c: 2 }, list: [9, 2, 3], 'x/y': {}, copied: { b: 10, c: 2 }, moved: 0 });
  });

  it('fails loudly when an operation cannot apply', () => {
    expect(() => applyJsonPatch({ a: 1 }, [JsonPatch.replace('/b', 1)])).toThrow(/failed: no value at "b" to replace/);
    expect(() => applyJsonPatch({ a: [] }, [JsonPatch.add('/a/5', 1)])).toThrow(/out of range/);
    expect(() => applyJsonPatch({ a: 1 }, [JsonPatch.test('/a', 2)])).toThrow(/value is 1/);
    expect(() => parsePointer('a/b')).toThrow(/invalid JSON pointer/);
  });
});
