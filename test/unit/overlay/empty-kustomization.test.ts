import { describe, expect, it } from 'vitest';
import { build, buildError, project } from './fixture.js';

describe('an empty kustomization is an error, as in kustomize', () => {
  it.each([
    ['an empty file', ''],
    ['only a comment', '# nothing yet\n'],
    ['only apiVersion and kind', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'],
    ['an empty mapping', '{}\n'],
  ])('%s', async (_name, text) => {
    const error = await buildError(project({ 'kustomization.yaml': text }));
    expect(error.message).toMatch(/kustomization\.yaml is empty/);
  });

  it('a field set to an empty list is not empty', async () => {
    expect(await build(project({ 'kustomization.yaml': 'resources: []\n' }))).toEqual([]);
  });
});
