import { describe, expect, it } from 'vitest';
import { build, project } from './fixture.js';

const generated = (options: string, literal: string, behavior = ''): string =>
  `${options}configMapGenerator:\n- name: c\n${behavior ? `  behavior: ${behavior}\n` : ''}  literals: [${literal}]\n`;
const noHash = 'generatorOptions: {disableNameSuffixHash: true}\n';

describe('a generator that merges into or replaces a base object keeps a hash only when both had one', () => {
  it.each([
    ['merge into an unhashed base', noHash, '', 'merge'],
    ['merge, unhashed, into a hashed base', '', noHash, 'merge'],
    ['replace an unhashed base', noHash, '', 'replace'],
    ['replace, unhashed, a hashed base', '', noHash, 'replace'],
  ])('%s', async (_name, baseOptions, overlayOptions, behavior) => {
    const dir = project({
      'base/kustomization.yaml': generated(baseOptions, 'a=1'),
      'overlay/kustomization.yaml': `resources: [../base]\n${generated(overlayOptions, 'b=2', behavior)}`,
    });
    const [configMap] = await build(`${dir}/overlay`);
    expect(configMap!.metadata.name).toBe('c');
  });

  it('merging into a plain ConfigMap adds no hash', async () => {
    const dir = project({
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n',
      'overlay/kustomization.yaml': `resources: [../base]\n${generated('', 'b=2', 'merge')}`,
    });
    const [configMap] = await build(`${dir}/overlay`);
    expect(configMap!.metadata.name).toBe('c');
    expect(configMap!.data).toEqual({ a: '1', b: '2' });
  });

  it('both hashed: hashed', async () => {
    const dir = project({ 'base/kustomization.yaml': generated('', 'a=1'), 'overlay/kustomization.yaml': `resources: [../base]\n${generated('', 'b=2', 'merge')}` });
    const [configMap] = await build(`${dir}/overlay`);
    expect(configMap!.metadata.name).toMatch(/^c-[a-z0-9]{10}$/);
  });
});

describe('behavior values kustomize accepts', () => {
  it('add is create', async () => {
    const [configMap] = await build(project({ 'kustomization.yaml': generated('', 'a=1', 'add') }));
    expect(configMap!.data).toEqual({ a: '1' });
  });
});
