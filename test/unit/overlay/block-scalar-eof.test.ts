import { describe, expect, it } from 'vitest';
import { readFastYaml } from '../../../src/overlay/fast-yaml.js';
import { build, project } from './fixture.js';

const header = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n';

describe('a block scalar at the end of a file with no final newline has no final line break (as go-yaml reads it)', () => {
  it.each([
    ['|', 'x\ny'],
    ['|+', 'x\ny'],
    ['|-', 'x\ny'],
    ['>', 'x y'],
  ])('%s', async (indicator, expected) => {
    const text = `${header}  value: ${indicator}\n    x\n    y`;
    expect((readFastYaml(text)![0]!.value as { data: { value: string } }).data.value).toBe(expected);
    const [configMap] = await build(project({ 'kustomization.yaml': 'resources: [cm.yaml]\n', 'cm.yaml': text }));
    expect(configMap!.data.value).toBe(expected);
  });

  it('with the final newline, clip and keep keep it', () => {
    expect((readFastYaml(`${header}  value: |\n    x\n`)![0]!.value as { data: { value: string } }).data.value).toBe('x\n');
    expect((readFastYaml(`${header}  value: |+\n    x\n\n`)![0]!.value as { data: { value: string } }).data.value).toBe('x\n\n');
  });
});
