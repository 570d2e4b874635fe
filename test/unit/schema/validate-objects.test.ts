import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject, TrackedObject } from '../../../src/core/kube-object.js';
import { readManifestText } from '../../../src/schema/read-manifests.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';
import type { ValidationIssue } from '../../../src/schema/validation-issue.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'validate');

function validateFixture(name: string): ValidationIssue[] {
  const file = join(fixtures, name);
  const { objects, issues } = readManifestText(readFileSync(file, 'utf8'), file);
  return [...issues, ...validateObjects(objects)];
}

function validateText(text: string): ValidationIssue[] {
  const { objects, issues } = readManifestText(text, 'inline.yaml');
  return [...issues, ...validateObjects(objects)];
}

function tracked(object: Record<string, unknown>): TrackedObject {
  return { object: object as KubeObject, source: { kind: 'typescript', file: 'main.ts', line: 7 }, touchedBy: [] };
}

describe('validateObjects on the course manifests', () => {
  it('accepts a correct app (Namespace, Deployment, NodePort Service, Ingress with TLS)', () => {
    expect(validateFixture('valid-app.yaml')).toEqual([]);
  });

  it('names "app:nginx" and "containerPort:8080" (no space after the colon) with line, column and fix', () => {
    const issues = validateFixture('deployment-no-space-after-colon.yaml');
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'wrong-type', object: 'Deployment/nginx-deployment', field: 'spec.template.metadata.labels', location: { line: 15, column: 9 } });
    expect(issues[0]!.hint).toContain('write "app: nginx"');
    expect(issues[1]).toMatchObject({ code: 'wrong-type', field: 'spec.template.spec.containers[0].ports[0]', location: { line: 21, column: 11 } });
    expect(issues[1]!.hint).toContain('write "containerPort: 8080"');
  });

  it('rejects extensions/v1beta1 Ingress, naming networking.k8s.io/v1 and the field moves it uses', () => {
    const [issue, ...rest] = validateFixture('ingress-extensions-v1beta1.yaml');
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'removed-api', field: 'apiVersion', object: 'Ingress/simple-fanout-example', location: { line: 1 } });
    expect(issue!.message).toContain('use apiVersion: networking.k8s.io/v1');
    expect(issue!.hint).toContain('backend.serviceName is now backend.service.name');
    expect(issue!.hint).toContain('pathType');
    // This object has no spec.backend, so that move is not mentioned.
    expect(issue!.hint).not.toContain('defaultBackend');
  });

  it('points serviceName/servicePort in a networking.k8s.io/v1 backend at service.name and service.port.number', () => {
    const issues = validateFixture('ingress-servicename-v1.yaml');
    const serviceName = issues.filter((i) => i.field?.endsWith('backend.serviceName'));
    expect(serviceName).toHaveLength(2);
    expect(serviceName[0]).toMatchObject({ code: 'unknown-field', field: 'spec.rules[0].http.paths[0].backend.serviceName', location: { line: 16, column: 13 } });
    expect(serviceName[0]!.hint).toContain('use service.name and service.port.number');
    expect(issues.filter((i) => i.code === 'missing-field' && i.field?.endsWith('pathType'))).toHaveLength(2);
  });

  it('reports tabs used for indentation as YAML errors with line and fix', () => {
    const issues = validateFixture('service-tabs.yaml');
    expect(issues.map((i) => [i.code, i.location.line])).toEqual([
      ['yaml-syntax', 7],
      ['yaml-syntax', 9],
    ]);
    expect(issues[0]!.hint).toContain('never tabs');
  });

  it('validates custom resources against a CRD in the same input, and warns about kinds without one', () => {
    const issues = validateFixture('custom-resources.yaml');
    expect(issues.map((i) => [i.severity, i.code, i.object, i.field])).toEqual([
      ['error', 'unknown-field', 'CronTab/bad', 'spec.replica'],
      ['warning', 'unknown-kind', 'ServiceMonitor/no-crd-here', 'kind'],
    ]);
    expect(issues[0]!.hint).toBe('did you mean "replicas"?');
  });
});

describe('validateObjects rules', () => {
  it('suggests the closest field for a typo', () => {
    const [issue] = validateText('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: nginx\n      imagePullPolcy: Always\n');
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.containers[0].imagePullPolcy', location: { line: 8, column: 7 }, hint: 'did you mean "imagePullPolicy"?' });
  });

  it('says where a field written one level too high belongs', () => {
    const [issue] = validateText('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n    - name: c\n      image: nginx\n      containerPort: 80\n');
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.containers[0].containerPort' });
    expect(issue!.hint).toContain('spec.containers[0].ports[0].containerPort');
  });

  it('finds where a misplaced field belongs', () => {
    const [issue] = validateText('apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec:\n  selector: { matchLabels: { a: b } }\n  template: { metadata: { labels: { a: b } } }\n  containers: []\n');
    expect(issue).toMatchObject({ code: 'unknown-field', field: 'spec.containers' });
    expect(issue!.hint).toContain('spec.template.spec.containers');
  });

  it('reports missing apiVersion, kind and name', () => {
    expect(validateObjects([tracked({ kind: 'Deployment', metadata: { name: 'x' } })])[0]).toMatchObject({ code: 'missing-api-version', hint: 'Deployment is served as apiVersion: apps/v1' });
    expect(validateObjects([tracked({ apiVersion: 'v1', metadata: { name: 'x' } })])[0]).toMatchObject({ code: 'missing-kind' });
    expect(validateObjects([tracked({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })])[0]).toMatchObject({ code: 'missing-field', field: 'metadata.name' });
  });

  it('tells a wrong version of a built-in kind, and a typo in a built-in kind, from a custom resource', () => {
    expect(validateObjects([tracked({ apiVersion: 'apps/v2', kind: 'Deployment', metadata: { name: 'x' } })])[0]).toMatchObject({ severity: 'error', code: 'unknown-api-version', hint: 'use apiVersion: apps/v1' });
    const typo = validateObjects([tracked({ apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'x' } })])[0];
    expect(typo).toMatchObject({ severity: 'error', code: 'unknown-kind', hint: 'did you mean "Deployment"?' });
    expect(validateObjects([tracked({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })])[0]).toMatchObject({ severity: 'warning', code: 'unknown-kind' });
    expect(validateObjects([tracked({ apiVersion: 'extensions/v1beta1', kind: 'Gizmo', metadata: { name: 'x' } })])[0]).toMatchObject({ severity: 'error', code: 'removed-api' });
    // A kubeconfig is validated against its generated schema (config-files.test.ts), not warned about.
    expect(validateObjects([tracked({ apiVersion: 'v1', kind: 'Config', clusters: [] })])).toEqual([]);
    const kubelet = validateObjects([tracked({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration' })]);
    expect(kubelet).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('a kubelet configuration file') })]);
  });

  it("names the component an API server or kubelet configuration file belongs to, instead of asking for a CRD", () => {
    const message = (apiVersion: string, kind: string): string | undefined => validateObjects([tracked({ apiVersion, kind })])[0]?.message;
    expect(message('apiserver.config.k8s.io/v1', 'AdmissionConfiguration')).toContain('--admission-control-config-file');
    expect(message('apiserver.k8s.io/v1beta1', 'EgressSelectorConfiguration')).toContain('--egress-selector-config-file');
    expect(message('kubecontrollermanager.config.k8s.io/v1alpha1', 'KubeControllerManagerConfiguration')).toBe(
      'a configuration file of a Kubernetes component (kubecontrollermanager.config.k8s.io), not an API object: not validated',
    );
    expect(message('example.config.io/v1', 'Thing')).toContain('no schema for Thing');
  });

  it('checks types, quantities and base64 with hints, at the TypeScript source location', () => {
    const issues = validateObjects([
      tracked({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { version: 1.5 } },
        spec: { priority: '10', containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '1GB' } } }] },
      }),
      tracked({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'not base64!' } }),
    ]);
    const byField = Object.fromEntries(issues.map((i) => [i.field, i]));
    expect(byField['metadata.labels.version']).toMatchObject({ code: 'wrong-type', location: { file: 'main.ts', line: 7 } });
    expect(byField['metadata.labels.version']!.hint).toContain('quote the value');
    expect(byField['spec.priority']).toMatchObject({ code: 'wrong-type', hint: 'remove the quotes: this field takes a number' });
    expect(byField['spec.containers[0].resources.limits.memory']!.message).toContain('not a quantity');
    expect(byField['data.password']!.hint).toContain('stringData');
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('warns about deprecated fields at their key, with the schema\'s advice', () => {
    const issues = validateText('apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  serviceAccount: default\n  containers: [{ name: c, image: nginx }]\n');
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'deprecated-field', field: 'spec.serviceAccount', location: expect.objectContaining({ line: 5, column: 3 }), hint: 'Use serviceAccountName instead.' }),
    ]);
  });

  it('finds deprecated fields deep in lists and templates, in the order the object holds them', () => {
    const issues = validateText(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d, selfLink: /x }\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec:\n' +
        '      volumes:\n        - { name: g, gitRepo: { repository: "x" } }\n        - { name: e, emptyDir: {} }\n        - { name: h, gitRepo: { repository: "y" } }\n      serviceAccount: sa\n      containers: [{ name: c, image: nginx }]\n',
    );
    expect(issues.filter((i) => i.code === 'deprecated-field').map((i) => [i.field, i.location.line])).toEqual([
      ['metadata.selfLink', 3],
      ['spec.template.spec.volumes[0].gitRepo', 10],
      ['spec.template.spec.volumes[2].gitRepo', 12],
      ['spec.template.spec.serviceAccount', 13],
    ]);
  });

  it('applies the API server\'s semantic rules: names, labels, selector vs template, node ports', () => {
    const issues = validateText(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: My_App }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: api } }\n    spec: { containers: [{ name: c, image: nginx }] }\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata: { name: web, labels: { note: "free text" } }\nspec:\n  type: NodePort\n  ports: [{ port: 80, nodePort: 80 }]\n',
    );
    expect(issues.map((i) => [i.object, i.field, i.location.line])).toEqual([
      ['Deployment/My_App', 'metadata.name', 3],
      ['Deployment/My_App', 'spec.template.metadata.labels', 7],
      ['Service/web', 'metadata.labels.note', 12],
      ['Service/web', 'spec.ports[0].nodePort', 15],
    ]);
    expect(issues[0]!.hint).toBe('for example "my-app"');
    expect(issues[1]!.message).toContain('(app: web)');
    expect(issues[3]!.message).toContain('outside the node port range 30000-32767');
  });

  it('explains values YAML converts (yes, 0644) in terms of what was written', () => {
    const [issue] = validateText('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { debug: yes }\n');
    expect(issue).toMatchObject({ code: 'wrong-type', field: 'data.debug', location: expect.objectContaining({ line: 4, column: 16 }) });
    expect(issue!.hint).toBe('quote the value ("yes"): YAML reads it as a boolean (true), and this field takes a string');
  });

  it('treats null fields as absent, as the API server does (kubectl --dry-run -o yaml output passes)', () => {
    const generated = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels: { app: web }\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n';
    expect(validateText(generated)).toEqual([]);
    const [issue] = validateText('apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: b }\nroleRef:\n');
    expect(issue).toMatchObject({ code: 'missing-field', field: 'roleRef' });
  });

  it('warns about an object defined twice, naming the first one', () => {
    const issues = validateText('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n');
    expect(issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'duplicate-object', object: 'ConfigMap/a', location: expect.objectContaining({ line: 5 }) })]);
    expect(issues[0]!.message).toContain('first at inline.yaml:1:1');
  });

  it('accepts int-or-string and numeric quantities', () => {
    const issues = validateObjects([
      tracked({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'web', port: 80, targetPort: 'http' }, { name: 'alt', port: 81, targetPort: 8081 }] } }),
      tracked({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: 10, 'requests.cpu': '1', 'limits.memory': '2Gi' } } }),
    ]);
    expect(issues).toEqual([]);
  });
});
