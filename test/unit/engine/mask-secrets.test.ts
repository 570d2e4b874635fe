import { describe, expect, it } from 'vitest';
import { maskSecret, scrubSecretValues, scrubSecretsDeep } from '../../../src/engine/mask-secrets.js';
import { unifiedDiff } from '../../../src/engine/diff-release.js';

const secret = (password: string) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${password}"}}` } },
  data: { password: Buffer.from(password).toString('base64'), user: 'YWRtaW4=' },
});

describe('Secret masking', () => {
  it('hides every value and the last-applied annotation, and leaves other kinds alone', () => {
    const masked = maskSecret(secret('hunter22'));
    expect(masked.data).toEqual({ password: '***', user: '***' });
    expect(JSON.stringify(masked)).not.toContain('hunter22');
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
    expect(maskSecret(configMap)).toBe(configMap);
  });

  it('shows that a value changed without showing it, in diffs', () => {
    const patch = unifiedDiff('Secret/s', secret('old-password'), secret('new-password'));
    expect(patch).toMatch(/^-\s+password: "?\*\*\* \(old value\)/m);
    expect(patch).toMatch(/^\+\s+password: "?\*\*\* \(new value\)/m);
    expect(patch).not.toMatch(/^[-+]\s+user:/m);
    expect(patch).not.toContain(Buffer.from('old-password').toString('base64'));
    expect(patch).not.toContain('new-password');
  });

  it('scrubs plain and base64 values out of free text', () => {
    const text = `invalid value "${Buffer.from('topsecret').toString('base64')}" and topsecret`;
    expect(scrubSecretValues(text, [secret('topsecret')])).toBe('invalid value "***" and ***');
  });
});

describe('scrubbing whole Secret values', () => {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const withStringData = (stringData: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData });

  it('masks a value where the server quotes it, not inside names that contain it', () => {
    const text = 'ServiceAccount/shop-dev/dev-shop: namespaces "shop" not found; token=shop, owner \'shop\'';
    const scrubbed = 'ServiceAccount/shop-dev/dev-shop: namespaces "***" not found; token=***, owner \'***\'';
    expect(scrubSecretValues(text, [withStringData({ name: 'shop' })])).toBe(scrubbed);
    expect(scrubSecretValues('shop: shop.example.com shop_1 shop', [withStringData({ name: 'shop' })])).toBe('***: shop.example.com shop_1 ***');
  });

  it('masks numbers and booleans, as the server prints them', () => {
    const objects = [withStringData({ pin: 98765432, enabled: true, digit: 7 })];
    const serverMessage = (pin: string, enabled: string) =>
      `.stringData.pin: expected string, got &value.valueUnstructured{Value:${pin}}; .stringData.enabled: got &value.valueUnstructured{Value:${enabled}}`;
    expect(scrubSecretValues(serverMessage('98765432', 'true'), objects)).toBe(serverMessage('***', '***'));
    expect(scrubSecretValues('pin 98765432 in "7", line 7 is true', objects)).toBe('pin *** in "***", line 7 is true');
    expect(maskSecret(objects[0]!).stringData).toEqual({ pin: '***', enabled: '***', digit: '***' });
  });

  it('masks base64 and decoded forms of data, and base64 of stringData', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: base64('hunter22') }, stringData: { token: 'abcd1234' } };
    const text = `data "${base64('hunter22')}" is hunter22; token ${base64('abcd1234')}; ${base64('hunter22')}x stays`;
    expect(scrubSecretValues(text, [secret])).toBe(`data "***" is ***; token ***; ${base64('hunter22')}x stays`);
  });

  it('masks a longer value whole when a shorter one is part of it', () => {
    expect(scrubSecretValues('got "shop keeper"', [withStringData({ a: 'shop', b: 'shop keeper' })])).toBe('got "***"');
  });

  it('treats regular expression characters in a value literally', () => {
    expect(scrubSecretValues('value "a.b*c" and aXbbc', [withStringData({ a: 'a.b*c' })])).toBe('value "***" and aXbbc');
  });

  it('leaves text without Secret values, and other kinds, unchanged', () => {
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { key: 'visible' } };
    const text = 'ConfigMap "visible" is invalid: data.key: Invalid value';
    expect(scrubSecretValues(text, [configMap, withStringData({ name: 'elsewhere' })])).toBe(text);
  });

  it('scrubs every string inside a JSON value', () => {
    const record = { message: 'Secret value "hunter22" rejected', details: [{ reason: 'hunter22' }], count: 2, ok: null };
    const scrubbed = { message: 'Secret value "***" rejected', details: [{ reason: '***' }], count: 2, ok: null };
    expect(scrubSecretsDeep(record, [withStringData({ password: 'hunter22' })])).toEqual(scrubbed);
  });
});

describe('maskSecret change markers', () => {
  it('compares stringData with data as the server stores it', () => {
    const desired = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { same: 'a-value', changed: 'new' } };
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { same: Buffer.from('a-value').toString('base64'), changed: 'b2xk' } };
    expect(maskSecret(desired, live).stringData).toEqual({ same: '***', changed: '*** (new value)' });
    expect(maskSecret(live, desired, 'before').data).toEqual({ same: '***', changed: '*** (old value)' });
  });

  it('hides a malformed data field whole', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: ['hunter22'] };
    expect(maskSecret(secret).data).toBe('***');
  });
});
