import { describe, expect, it } from 'vitest';
import { withoutNullFields } from '../../../src/schema/null-fields.js';

describe('withoutNullFields', () => {
  it('drops null members of mappings at any depth and keeps nulls in lists', () => {
    const input = { a: null, b: { c: null, d: 1 }, e: [null, { f: null }] };
    expect(withoutNullFields(input)).toEqual({ b: { d: 1 }, e: [null, {}] });
    expect(input.b).toEqual({ c: null, d: 1 });
  });

  it('returns the same object when there is nothing to drop', () => {
    const input = { a: { b: [1, { c: 'x' }] } };
    expect(withoutNullFields(input)).toBe(input);
  });
});
