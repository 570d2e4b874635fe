import { describe, expect, it } from 'vitest';
import { findImmutableChanges } from '../../../src/engine/immutable-fields.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const secret = <Fields extends object>(fields: Fields) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });
const configMap = <Fields extends object>(fields: Fields) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, ...fields });
const fieldsChanged = (desired: any, live: any) => findImmutableChanges(desired, live).map((c) => c.field);

describe('Secret type', () => {
  it('is Opaque when left out, on either side', () => {
    expect(fieldsChanged(secret({}), secret({ type: 'Opaque' }))).toEqual([]);
    expect(fieldsChanged(secret({ type: 'Opaque' }), secret({}))).toEqual([]);
  });

  it('cannot change', () => {
    expect(fieldsChanged(secret({ type: 'kubernetes.io/tls' }), secret({ type: 'Opaque' }))).toEqual(['type']);
    expect(fieldsChanged(secret({}), secret({ type: 'kubernetes.io/dockerconfigjson' }))).toEqual(['type']);
  });
});

describe('an immutable Secret', () => {
  const live = secret({ immutable: true, data: { user: base64('admin'), password: base64('hunter22') } });

  it('accepts the same contents, whether written as data or stringData', () => {
    expect(fieldsChanged(secret({ immutable: true, data: live.data }), live)).toEqual([]);
    expect(fieldsChanged(secret({ immutable: true, stringData: { user: 'admin', password: 'hunter22' } }), live)).toEqual([]);
    expect(fieldsChanged(secret({ immutable: true, data: { user: base64('admin') }, stringData: { password: 'hunter22' } }), live)).toEqual([]);
  });

  it('names the one entry that changed, was added or was removed', () => {
    expect(fieldsChanged(secret({ immutable: true, stringData: { user: 'admin', password: 'hunter23' } }), live)).toEqual(['data.password']);
    expect(fieldsChanged(secret({ immutable: true, stringData: { user: 'admin' } }), live)).toEqual(['data.password']);
    const added = { user: 'admin', password: 'hunter22', extra: 'x' };
    expect(fieldsChanged(secret({ immutable: true, stringData: added }), live)).toEqual(['data.extra']);
    expect(fieldsChanged(secret({ immutable: true, stringData: { user: 'root', password: 'x' } }), live)).toEqual(['data']);
    expect(fieldsChanged(secret({ immutable: true }), live)).toEqual(['data']);
  });

  it('compares numbers and booleans in stringData by their text', () => {
    const pinned = secret({ immutable: true, data: { pin: base64('98765432'), on: base64('true') } });
    expect(fieldsChanged(secret({ immutable: true, stringData: { pin: 98765432, on: true } }), pinned)).toEqual([]);
    expect(fieldsChanged(secret({ immutable: true, stringData: { pin: 12345678, on: true } }), pinned)).toEqual(['data.pin']);
  });

  it('cannot be made mutable again', () => {
    expect(fieldsChanged(secret({ data: live.data }), live)).toEqual(['immutable']);
    expect(fieldsChanged(secret({ immutable: false, data: live.data }), live)).toEqual(['immutable']);
  });

  it('explains why, without quoting values', () => {
    const [change] = findImmutableChanges(secret({ immutable: true, stringData: { user: 'admin', password: 'hunter23' } }), live);
    expect(change!.why).toMatch(/immutable/);
    expect(JSON.stringify(change)).not.toContain('hunter');
  });
});

describe('an immutable ConfigMap', () => {
  const live = configMap({ immutable: true, data: { a: '1' }, binaryData: { b: base64('bytes') } });

  it('compares data and binaryData exactly', () => {
    expect(fieldsChanged(configMap({ immutable: true, data: { a: '1' }, binaryData: { b: base64('bytes') } }), live)).toEqual([]);
    expect(fieldsChanged(configMap({ immutable: true, data: { a: '2' }, binaryData: { b: base64('bytes') } }), live)).toEqual(['data.a']);
    expect(fieldsChanged(configMap({ immutable: true, data: { a: '1', c: '3' }, binaryData: { b: base64('bytes') } }), live)).toEqual(['data.c']);
    expect(fieldsChanged(configMap({ immutable: true, data: { a: '1' } }), live)).toEqual(['binaryData.b']);
  });

  it('cannot be made mutable again', () => {
    expect(fieldsChanged(configMap({ data: { a: '1' }, binaryData: { b: base64('bytes') } }), live)).toEqual(['immutable']);
  });
});

describe('a mutable ConfigMap or Secret', () => {
  it('may change its contents and become immutable', () => {
    expect(fieldsChanged(configMap({ data: { a: '2' } }), configMap({ data: { a: '1' } }))).toEqual([]);
    expect(fieldsChanged(secret({ immutable: true, stringData: { a: 'new' } }), secret({ data: { a: base64('old') } }))).toEqual([]);
  });
});
