import { describe, expect, it } from 'vitest';
import { build, buildError, project } from './fixture.js';

const resources = `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader, namespace: app}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: ServiceAccount, name: controller, namespace: app}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  template:
    spec:
      containers: [{name: web, image: nginx:1.25}]
`;

describe('transformers: and generators: with built-in plugin configs', () => {
  it('PatchTransformer and PrefixSuffixTransformer from files, after the fields\' transformers', async () => {
    const dir = project({
      'kustomization.yaml': 'namespace: system\nresources: [resources.yaml]\ntransformers: [patch.yaml, prefix.yaml]\n',
      'resources.yaml': resources,
      'patch.yaml': `apiVersion: builtin
kind: PatchTransformer
metadata: {name: move}
patch: '[{"op": "replace", "path": "/metadata/namespace", "value": "kube-system"}]'
target: {kind: RoleBinding, name: reader}
`,
      'prefix.yaml': `apiVersion: builtin
kind: PrefixSuffixTransformer
metadata: {name: subjects}
prefix: kueue-
fieldSpecs:
- {kind: RoleBinding, group: rbac.authorization.k8s.io, path: subjects/name}
`,
    });
    const objects = await build(dir);
    const binding = objects.find((o) => o.kind === 'RoleBinding')!;
    expect(binding.metadata).toEqual({ name: 'reader', namespace: 'kube-system' });
    expect(binding.subjects[0].name).toBe('kueue-controller');
    expect(objects.find((o) => o.kind === 'Deployment')!.metadata.name).toBe('web');
  });

  it('inline LabelTransformer, ImageTagTransformer and ReplicaCountTransformer', async () => {
    const dir = project({
      'kustomization.yaml': `resources: [resources.yaml]
transformers:
- |
  apiVersion: builtin
  kind: LabelTransformer
  metadata: {name: labels}
  labels: {team: a}
  fieldSpecs: [{path: metadata/labels, create: true, kind: Deployment}]
- |
  apiVersion: builtin
  kind: ImageTagTransformer
  metadata: {name: images}
  imageTag: {name: nginx, newTag: '1.27'}
- |
  apiVersion: builtin
  kind: ReplicaCountTransformer
  metadata: {name: replicas}
  replica: {name: web, count: 3}
`,
      'resources.yaml': resources,
    });
    const objects = await build(dir);
    const deployment = objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.metadata.labels).toEqual({ team: 'a' });
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(objects.find((o) => o.kind === 'RoleBinding')!.metadata.labels).toBeUndefined();
  });

  it('a ConfigMapGenerator config generates a hashed ConfigMap', async () => {
    const dir = project({
      'kustomization.yaml': 'generators: [gen.yaml]\n',
      'gen.yaml': 'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: settings}\nliterals: [a=b]\n',
    });
    const [configMap] = await build(dir);
    expect(configMap!.data).toEqual({ a: 'b' });
    expect(configMap!.metadata.name).toMatch(/^settings-[a-z0-9]{10}$/);
  });

  it('an exec or container plugin is refused in one line naming the field', async () => {
    const dir = project({
      'kustomization.yaml': 'resources: []\ntransformers: [fn.yaml]\n',
      'fn.yaml': 'apiVersion: examples.config.kubernetes.io/v1beta1\nkind: tshirt\nmetadata: {name: t}\n',
    });
    const error = await buildError(dir);
    expect(error.message).toMatch(/^transformers: 'examples.config.kubernetes.io\/v1beta1\/tshirt' is an exec or container plugin/);
    expect(error.message).not.toContain('\n');
  });
});
