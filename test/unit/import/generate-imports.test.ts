import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { track, type KubeObject } from '../../../src/core/kube-object.js';
import { generateImports, type CrdInput } from '../../../src/k8s-gen/generate-imports.js';
import { writeImports } from '../../../src/k8s-gen/write-imports.js';
import { registerImportedSchemas } from '../../../src/schema/imported-schemas.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

// Small CRDs written for the test: how `kcc import` names types, reads Kubernetes' schema
// extensions, and handles CRDs without a structural schema.

function crd(kind: string, group: string, versions: { name: string; schema?: object; served?: boolean; deprecated?: boolean; storage?: boolean }[], scope = 'Namespaced'): CrdInput {
  const plural = `${kind.toLowerCase()}s`;
  return {
    object: {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.${group}` },
      spec: { group, scope, names: { kind, plural }, versions: versions.map((v) => ({ served: true, storage: false, ...v, schema: v.schema && { openAPIV3Schema: v.schema } })) },
    } as KubeObject,
  };
}

const widgetSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
        'pod-template': { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { image: { type: 'string' } } },
        ports: { type: 'array', items: { type: 'object', required: ['port'], properties: { port: { type: 'integer', minimum: 1 } } } },
        mode: { type: 'string', enum: ['fast', 'safe'] },
      },
      oneOf: [{ required: ['mode'] }, { required: ['ports'] }],
    },
    status: { type: 'object', properties: { ready: { type: 'boolean' } } },
  },
};

const inputs = (): CrdInput[] => [
  crd('Widget', 'example.io', [
    { name: 'v1', schema: widgetSchema, storage: true },
    { name: 'v1beta1', schema: widgetSchema, deprecated: true },
    { name: 'v1alpha1', schema: widgetSchema, served: false },
  ]),
  crd('Blob', 'example.io', [{ name: 'v1', schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } }], 'Cluster'),
  crd('Gadget', 'other.example.io', [{ name: 'v1' }]),
];

describe('kcc import (generator)', () => {
  it('writes one module per group/version, naming nested types after their path', async () => {
    const generated = await generateImports(inputs());
    expect(generated.modules).toEqual([
      { file: 'example.io-v1.ts', apiVersion: 'example.io/v1', kinds: ['Blob', 'Widget'] },
      { file: 'example.io-v1beta1.ts', apiVersion: 'example.io/v1beta1', kinds: ['Widget'] },
      { file: 'other.example.io-v1.ts', apiVersion: 'other.example.io/v1', kinds: ['Gadget'] },
    ]);
    const v1 = generated.files.get('example.io-v1.ts')!;
    expect(v1).toContain("import { ApiObject, registerImportedSchemas, toPlainJson } from 'kcc';");
    expect(v1).toContain("import type { metaV1 } from 'kcc/k8s';");
    expect(v1).toContain('export class Widget extends ApiObject {');
    expect(v1).toContain("static readonly GVK = { apiVersion: 'example.io/v1', kind: 'Widget' } as const;");
    expect(v1).toMatch(/export interface WidgetSpec \{[\s\S]*?size: \(number \| string\);/);
    expect(v1).toMatch(/"pod-template"\?: WidgetSpecPodTemplate;/);
    expect(v1).toMatch(/export interface WidgetSpecPodTemplate \{[\s\S]*?image\?: string;\s*\[k: string\]: unknown;/);
    expect(v1).toMatch(/ports\?: WidgetSpecPorts\[\];/);
    expect(v1).toMatch(/mode\?: \("fast" \| "safe"\);/);
    // status belongs to the cluster: not in the props, no type of its own.
    expect(v1).not.toMatch(/WidgetStatus|status\?:/);
    // props are required when the schema requires a field besides metadata.
    expect(v1).toContain('constructor(scope: Construct, id: string, props: WidgetProps = {})');
    expect(generated.files.get('example.io-v1beta1.ts')).toContain('@deprecated example.io/v1beta1 is superseded; use example.io/v1 Widget');
  });

  it('imports a CRD without a structural schema as an open type, with a warning', async () => {
    const generated = await generateImports(inputs());
    expect(generated.warnings).toEqual([
      'blobs.example.io v1: no structural schema (it preserves unknown fields and declares none); Blob gets an open type and is not validated',
      'gadgets.other.example.io v1: no structural schema (no openAPIV3Schema); Gadget gets an open type and is not validated',
    ]);
    expect(generated.files.get('other.example.io-v1.ts')).toMatch(/export interface GadgetProps \{[\s\S]*?metadata\?: metaV1.ObjectMeta;\s*\[k: string\]: unknown;\s*\}/);
    expect(generated.index.kinds['example.io/v1/Blob']).toEqual({ file: 'blob-example.io-v1.json', namespaced: false, plural: 'blobs', crd: 'blobs.example.io' });
  });

  it('is deterministic: the same CRDs give the same bytes', async () => {
    const first = await generateImports(inputs());
    const second = await generateImports(inputs().reverse());
    expect([...second.files.keys()].sort()).toEqual([...first.files.keys()].sort());
    for (const [path, content] of first.files) expect(second.files.get(path), path).toBe(content);
  });

  it('registers the written schemas so validation knows the kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-import-'));
    writeImports(dir, await generateImports(inputs()));
    registerImportedSchemas(join(dir, 'schemas'));
    const object = (spec: unknown, kind = 'Widget', apiVersion = 'example.io/v1'): ReturnType<typeof track> =>
      track({ apiVersion, kind, metadata: { name: 'w', namespace: 'ns' }, spec } as KubeObject, { kind: 'yaml', file: 'widgets.yaml' });
    expect(validateObjects([object({ size: '50%', mode: 'fast', 'pod-template': { image: 'nginx', extra: true } })])).toEqual([]);
    const messages = (spec: unknown): string[] => validateObjects([object(spec)]).filter((i) => i.severity === 'error').map((i) => `${i.field}: ${i.message}`);
    expect(messages({ size: true, mode: 'fast' }).join('\n')).toMatch(/spec\.size/);
    expect(messages({ mode: 'fast' }).join('\n')).toMatch(/spec\.size.*required|required.*size/);
    expect(messages({ size: 1, mode: 'slow' }).join('\n')).toMatch(/spec\.mode/);
    expect(messages({ size: 1, ports: [{ port: 0 }] }).join('\n')).toMatch(/spec\.ports\[0\]\.port/);
    expect(messages({ size: 1, colour: 'red', mode: 'fast' }).join('\n')).toMatch(/colour/);
    // The open kind takes anything; its scope is known (cluster-scoped).
    expect(validateObjects([track({ apiVersion: 'example.io/v1', kind: 'Blob', metadata: { name: 'b' }, anything: { at: 'all' } } as KubeObject, { kind: 'yaml', file: 'b.yaml' })])).toEqual([]);
    const index = JSON.parse(readFileSync(join(dir, 'schemas', 'index.json'), 'utf8'));
    expect(Object.keys(index.kinds)).toEqual(['example.io/v1/Blob', 'example.io/v1/Widget', 'example.io/v1beta1/Widget', 'other.example.io/v1/Gadget']);
  });

  it('refuses what it cannot import, naming the CRD', async () => {
    const old = { ...inputs()[0]!, object: { ...inputs()[0]!.object, apiVersion: 'apiextensions.k8s.io/v1beta1' } };
    await expect(generateImports([old])).rejects.toThrow(/widgets\.example\.io is apiextensions\.k8s\.io\/v1beta1; kcc imports apiextensions\.k8s\.io\/v1 only/);
    const twice = crd('Widget', 'example.io', [{ name: 'v1', schema: widgetSchema }]);
    (twice.object.metadata as { name: string }).name = 'other-widgets.example.io';
    await expect(generateImports([inputs()[0]!, twice])).rejects.toThrow(/example\.io\/v1\/Widget is defined by two CustomResourceDefinitions/);
    await expect(generateImports([])).rejects.toThrow(/no CustomResourceDefinition to import/);
  });
});
