import { describe, expect, it } from 'vitest';
import { buildKustomization } from '../../../src/overlay/index.js';
import { buildError, project } from './fixture.js';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

describe('openapi:', () => {
  it('a path that is not an OpenAPI document is refused at the field', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'openapi:\n  path: notes.yaml\nresources: [c.yaml]\n', 'notes.yaml': 'hello: world\n', 'c.yaml': configMap }));
    expect(error.message).toContain('notes.yaml is not an OpenAPI document');
    expect(error.field).toBe('openapi.path');
    expect(error.location).toMatchObject({ line: 2 });
  });

  it('version names a kustomize built-in schema: a warning, kcc uses its pinned one', async () => {
    const { objects, warnings } = await buildKustomization(project({ 'kustomization.yaml': 'openapi:\n  version: v1.21.2\nresources: [c.yaml]\n', 'c.yaml': configMap }));
    expect(objects).toHaveLength(1);
    expect(warnings.join('\n')).toContain("openapi.version 'v1.21.2' is ignored");
  });
});
