import { describe, expect, it } from 'vitest';
import { buildError, project } from './fixture.js';

describe('crds: OpenAPI definition files', () => {
  it('a CustomResourceDefinition manifest listed under crds is refused with where it belongs', async () => {
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: bees.example.com\n';
    const error = await buildError(project({ 'kustomization.yaml': 'crds:\n- bee-crd.yaml\n', 'bee-crd.yaml': crd }));
    expect(error.message).toContain("unable to parse open API definition from");
    expect(error.hint).toContain('belongs under resources');
    expect(error.location).toMatchObject({ line: 2 });
  });

  it('x-kubernetes-identity (a namePrefix field spec) is named as unsupported', async () => {
    const definitions = JSON.stringify({
      'x.v1.Bee': { Schema: { properties: { apiVersion: {}, kind: {}, metadata: {}, spec: { $ref: 'x.v1.BeeSpec' } } } },
      'x.v1.BeeSpec': { Schema: { properties: { alias: { 'x-kubernetes-identity': '' } } } },
    });
    const error = await buildError(project({ 'kustomization.yaml': 'crds:\n- defs.json\n', 'defs.json': definitions }));
    expect(error.message).toContain('x-kubernetes-identity');
    expect(error.message).toContain('Bee spec/alias');
  });
});
