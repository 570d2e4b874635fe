import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { GENERATED_SCHEMA_DIR, loadSchemaIndex, type JsonSchema } from '../../../src/schema/schema-store.js';

function schemaFile(file: string): JsonSchema {
  return JSON.parse(readFileSync(join(GENERATED_SCHEMA_DIR, file), 'utf8')) as JsonSchema;
}

function defs(schema: JsonSchema): Record<string, JsonSchema> {
  return schema.$defs as Record<string, JsonSchema>;
}

describe('generated kind schemas', () => {
  const index = loadSchemaIndex();

  it('index every served kind, including the ones the course uses', () => {
    for (const key of ['v1/Pod', 'v1/Service', 'v1/Binding', 'apps/v1/Deployment', 'networking.k8s.io/v1/Ingress', 'autoscaling/v2/HorizontalPodAutoscaler', 'autoscaling/v1/HorizontalPodAutoscaler', 'certificates.k8s.io/v1/CertificateSigningRequest', 'scheduling.k8s.io/v1/PriorityClass']) {
      expect(index.kinds[key], key).toBeDefined();
    }
    expect(index.kinds['v1/Namespace']!.namespaced).toBe(false);
    expect(index.kinds['apps/v1/Deployment']!.file).toBe('deployment-apps-v1.json');
  });

  it('each file compiles on its own in a fresh ajv (all $refs bundled)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const file of ['deployment-apps-v1.json', 'customresourcedefinition-apiextensions-v1.json', 'ingress-networking-v1.json']) {
      const validate = ajv.compile(schemaFile(file));
      expect(validate({ apiVersion: 'x', kind: 'y' })).toBe(false);
    }
  });

  it('rejects unknown fields on structs but not in maps or preserve-unknown-fields', () => {
    const deployment = schemaFile('deployment-apps-v1.json');
    expect(defs(deployment)['io.k8s.api.apps.v1.DeploymentSpec']!.additionalProperties).toBe(false);
    const meta = defs(deployment)['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!;
    expect((meta.properties as Record<string, JsonSchema>).labels!.additionalProperties).toMatchObject({ type: 'string' });
    const crd = schemaFile('customresourcedefinition-apiextensions-v1.json');
    const json = defs(crd)['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON']!;
    expect(json.additionalProperties).toBeUndefined();
  });

  it('turns int-or-string and quantity into type unions and keeps x-kubernetes extensions', () => {
    const deployment = schemaFile('deployment-apps-v1.json');
    expect(defs(deployment)['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ type: ['integer', 'string'], 'x-kubernetes-int-or-string': true });
    expect(defs(deployment)['io.k8s.apimachinery.pkg.api.resource.Quantity']).toMatchObject({ type: ['string', 'number'], format: 'quantity' });
    const podSpec = defs(deployment)['io.k8s.api.core.v1.PodSpec']!.properties as Record<string, JsonSchema>;
    expect(podSpec.containers).toMatchObject({ 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
    expect(deployment.properties).toMatchObject({ apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } });
  });

  it('quantity pattern accepts Kubernetes quantities and rejects others', () => {
    const quantity = defs(schemaFile('pod-v1.json'))['io.k8s.apimachinery.pkg.api.resource.Quantity']!;
    const pattern = new RegExp(quantity.pattern as string);
    for (const ok of ['500m', '1', '0.5', '128Mi', '1Gi', '1e3', '+1.5E-2', '.5']) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ['1GB', 'lots', '1 Gi', '']) expect(pattern.test(bad), bad).toBe(false);
  });
});
