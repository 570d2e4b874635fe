import { describe, expect, it } from 'vitest';
import { maskSecret, scrubSecretValues } from '../../../src/engine/mask-secrets.js';
import { unifiedDiff } from '../../../src/engine/diff-release.js';

const secret = (password: string) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${password}"}}` } }, data: { password: Buffer.from(password).toString('base64'), user: 'YWRtaW4=' } });

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
