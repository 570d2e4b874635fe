import { describe, expect, it } from 'vitest';
import { buildError, project } from './fixture.js';

describe('what kcc does not build is one line naming the field and what to do', () => {
  it.each([
    ['helmCharts without --enable-helm', 'helmCharts:\n- name: redis\n  repo: https://charts.example.com\n', /^rendering charts needs --enable-helm/],
    ['a remote resource', 'resources:\n- https://github.com/example/repo//config?ref=v1\n', /^remote resource 'https:\/\/github.com\/example\/repo\/\/config\?ref=v1' is not supported/],
  ])('%s', async (_name, kustomization, message) => {
    const error = await buildError(project({ 'kustomization.yaml': kustomization }));
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    expect(error.field).toMatch(/helmCharts|resources/);
  });
});
