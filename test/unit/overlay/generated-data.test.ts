import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

// Expected names and values are what kubectl kustomize (v5.5) prints for the same inputs.
describe('generated Secret data and binaryData as kustomize encodes them', () => {
  it('base64 longer than 70 characters is wrapped every 70, with a final newline, and hashed so', async () => {
    const dir = project({
      'kustomization.yaml': `secretGenerator:\n- name: s\n  files: [small, exact, big]\n  literals: [lit=${'d'.repeat(120)}]\n`,
      small: 'a'.repeat(60),
      exact: 'b'.repeat(52),
      big: 'c'.repeat(200),
    });
    const [secret] = await build(dir);
    const expectWrapped = (value: string, raw: string): void => {
      const encoded = Buffer.from(raw).toString('base64');
      expect(value).toBe(`${encoded.match(/.{1,70}/g)!.join('\n')}\n`);
    };
    expectWrapped(secret!.data.small, 'a'.repeat(60));
    expectWrapped(secret!.data.exact, 'b'.repeat(52));
    expectWrapped(secret!.data.big, 'c'.repeat(200));
    expectWrapped(secret!.data.lit, 'd'.repeat(120));
    expect(secret!.metadata.name).toBe('s-ffgh2kf5h8');
  });

  it('short values stay on one line', async () => {
    const [secret] = await build(project({ 'kustomization.yaml': 'secretGenerator:\n- name: s\n  literals: [a=b]\n' }));
    expect(secret!.data).toEqual({ a: 'Yg==' });
  });

  it('an empty Secret generator gives data: {}; an empty ConfigMap none; both with kustomize\'s hash', async () => {
    const [configMap, secret] = await build(project({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\nsecretGenerator:\n- name: s\n' }));
    expect(configMap).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c-6ct58987ht' } });
    expect(secret).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's-46f8b28mk5' }, type: 'Opaque', data: {} });
  });
});
