import { describe, expect, it } from 'vitest';
import { build, buildError, project } from './fixture.js';

const certmanager = {
  'config/certmanager/kustomization.yaml': 'resources: [certificate.yaml]\nconfigurations: [kustomizeconfig.yaml]\n',
  'config/certmanager/certificate.yaml': `apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: selfsigned-issuer, namespace: system}
spec: {selfSigned: {}}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: serving-cert, namespace: system}
spec:
  issuerRef: {kind: Issuer, name: selfsigned-issuer}
`,
  'config/certmanager/kustomizeconfig.yaml': `nameReference:
- kind: Issuer
  group: cert-manager.io
  fieldSpecs:
  - kind: Certificate
    group: cert-manager.io
    path: spec/issuerRef/name
`,
};

describe('configurations: custom transformer field specs', () => {
  it('a base teaches the parent where an Issuer is named (name references flow up)', async () => {
    const dir = project({ ...certmanager, 'config/default/kustomization.yaml': 'namePrefix: app-\nnamespace: app-system\nresources: [../certmanager]\n' });
    const objects = await build(`${dir}/config/default`);
    const certificate = objects.find((o) => o.kind === 'Certificate')!;
    expect(certificate.spec.issuerRef.name).toBe('app-selfsigned-issuer');
  });

  it('without the configuration the reference is left alone, as kustomize does', async () => {
    const dir = project({ ...certmanager, 'config/certmanager/kustomization.yaml': 'resources: [certificate.yaml]\n', 'config/default/kustomization.yaml': 'namePrefix: app-\nresources: [../certmanager]\n' });
    const certificate = (await build(`${dir}/config/default`)).find((o) => o.kind === 'Certificate')!;
    expect(certificate.spec.issuerRef.name).toBe('selfsigned-issuer');
  });

  it('namespace field specs with create set the field on cluster-scoped objects', async () => {
    const dir = project({
      'kustomization.yaml': 'namespace: prod\nresources: [webhook.yaml]\nconfigurations: [config.yaml]\n',
      'webhook.yaml': `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: vwc}
webhooks:
- name: a.example.com
  clientConfig: {service: {name: webhook-service, path: /validate}}
`,
      'config.yaml': `namespace:
- kind: ValidatingWebhookConfiguration
  group: admissionregistration.k8s.io
  path: webhooks/clientConfig/service/namespace
  create: true
`,
    });
    const [webhook] = await build(dir);
    expect(webhook!.metadata.namespace).toBeUndefined();
    expect(webhook!.webhooks[0].clientConfig.service).toEqual({ name: 'webhook-service', path: '/validate', namespace: 'prod' });
  });

  it('commonLabels field specs reach a custom resource', async () => {
    const dir = project({
      'kustomization.yaml': 'commonLabels: {team: a}\nresources: [cr.yaml]\nconfigurations: [config.yaml]\n',
      'cr.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {}\n',
      'config.yaml': 'commonLabels:\n- kind: Widget\n  path: spec/selector/matchLabels\n  create: true\n',
    });
    const [widget] = await build(dir);
    expect(widget!.spec.selector.matchLabels).toEqual({ team: 'a' });
    expect(widget!.metadata.labels).toEqual({ team: 'a' });
  });

  it('names the unsupported key', async () => {
    const dir = project({ 'kustomization.yaml': 'resources: []\nconfigurations: [config.yaml]\n', 'config.yaml': 'images:\n- kind: Widget\n  path: spec/image\n' });
    expect((await buildError(dir)).message).toMatch(/'images' field specs are not supported/);
  });
});
