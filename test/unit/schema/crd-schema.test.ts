import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { customKindsOf } from '../../../src/schema/crd-schema.js';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Cluster',
    names: { kind: 'Widget', plural: 'widgets' },
    versions: [
      {
        name: 'v1',
        served: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } },
                  note: { type: 'string', nullable: true },
                },
              },
            },
          },
        },
      },
      { name: 'v0', served: false },
    ],
  },
} as unknown as KubeObject;

describe('customKindsOf', () => {
  it('makes one validator schema per served version with the API server rules', () => {
    const kinds = customKindsOf(crd);
    expect(kinds.map((k) => [k.apiVersion, k.kind, k.namespaced, k.crdName])).toEqual([['example.com/v1', 'Widget', false, 'widgets.example.com']]);
    const spec = (kinds[0]!.schema.properties as Record<string, Record<string, unknown>>).spec!;
    const properties = spec.properties as Record<string, Record<string, unknown>>;
    expect(spec.additionalProperties).toBe(false);
    expect(properties.port).toEqual({ 'x-kubernetes-int-or-string': true, type: ['integer', 'string'] });
    expect(properties.extra!.additionalProperties).toBeUndefined();
    expect(properties.note!.type).toEqual(['string', 'null']);
    expect(kinds[0]!.schema.required).toEqual(['apiVersion', 'kind']);
  });
});
