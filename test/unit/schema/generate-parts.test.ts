import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { constructClass } from '../../../src/schema/generate/construct-class.js';
import { buildKindSchema } from '../../../src/schema/generate/kind-schema.js';
import type { OpenApiDefinitions } from '../../../src/schema/generate/openapi-definitions.js';
import { chooseFlatExports, type GeneratedKind } from '../../../src/schema/generate/typescript-module.js';
import { isStableVersion, versionPriority } from '../../../src/schema/api-lifecycle.js';

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
const print = (node: ts.Node): string => printer.printNode(ts.EmitHint.Unspecified, node, ts.createSourceFile('x.ts', '', ts.ScriptTarget.ES2022));

const definitions: OpenApiDefinitions = {
  schemas: new Map([
    ['io.example.api.widgets.v1beta1.Widget', { description: 'A widget.', type: 'object', properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { allOf: [{ $ref: '#/components/schemas/io.example.Meta' }], default: {} }, size: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }] }, tags: { type: 'object', additionalProperties: { type: 'string' } } } }],
    ['io.example.Meta', { type: 'object', properties: { name: { type: 'string' } } }],
    ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', { type: 'string', format: 'int-or-string' }],
  ]),
  packages: new Map(),
};

describe('generator parts', () => {
  it('builds a self-contained kind schema: $defs, pinned apiVersion/kind, strict structs, open maps, deprecation', () => {
    const schema = buildKindSchema(definitions, { definition: 'io.example.api.widgets.v1beta1.Widget', apiVersion: 'widgets.example.io/v1beta1', kind: 'Widget', namespaced: true, deprecatedBy: 'widgets.example.io/v1' });
    expect(schema).toMatchObject({ deprecated: true, 'x-kcc-deprecated-by': 'widgets.example.io/v1', additionalProperties: false, required: ['apiVersion', 'kind'] });
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.metadata).toEqual({ $ref: '#/$defs/io.example.Meta' });
    expect(properties.tags).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(properties.kind).toMatchObject({ const: 'Widget' });
    expect(Object.keys(schema.$defs as object)).toEqual(['io.example.Meta', 'io.k8s.apimachinery.pkg.util.intstr.IntOrString']);
    expect((schema.$defs as Record<string, unknown>)['io.example.Meta']).toMatchObject({ additionalProperties: false });
  });

  it('emits a construct class with GVK, manifest(), a typed constructor and @deprecated', () => {
    const text = print(constructClass({ kind: 'Widget', apiVersion: 'widgets.example.io/v1beta1', propsType: 'WidgetProps', propsRequired: false, description: 'A widget.', deprecatedBy: 'widgets.example.io/v1', namespaced: true }));
    expect(text).toContain('export class Widget extends ApiObject');
    expect(text).toContain("static readonly GVK = { apiVersion: 'widgets.example.io/v1beta1', kind: 'Widget' } as const;");
    expect(text).toContain('static manifest(props: WidgetProps = {}): KubeObject');
    expect(text).toContain('constructor(scope: Construct, id: string, props: WidgetProps = {})');
    expect(text).toContain('@deprecated widgets.example.io/v1beta1 is superseded; use widgets.example.io/v1 Widget');
    const required = print(constructClass({ kind: 'Binding', apiVersion: 'v1', propsType: 'BindingProps', propsRequired: true, namespaced: true }));
    expect(required).toContain('props: BindingProps)');
  });

  it('chooses flat export names: GA only, highest version, core group wins', () => {
    const kind = (group: string, version: string, name: string): GeneratedKind => ({ definition: '', apiVersion: group ? `${group}/${version}` : version, group, version, kind: name, stem: `${group || 'core'}-${version}`, namespaced: true });
    const flat = chooseFlatExports([kind('autoscaling', 'v1', 'HorizontalPodAutoscaler'), kind('autoscaling', 'v2', 'HorizontalPodAutoscaler'), kind('events.k8s.io', 'v1', 'Event'), kind('', 'v1', 'Event'), kind('alpha.io', 'v1alpha1', 'Gadget')], isStableVersion, versionPriority);
    expect(flat.map((f) => [f.kind, f.stem])).toEqual([
      ['Event', 'core-v1'],
      ['HorizontalPodAutoscaler', 'autoscaling-v2'],
    ]);
  });
});
