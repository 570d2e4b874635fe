import { describe, expect, it } from 'vitest';
import type { KubeObject, TrackedObject } from '../../../src/core/kube-object.js';
import { readManifestText } from '../../../src/schema/read-manifests.js';
import { checkReferences } from '../../../src/schema/reference-rules.js';

const tracked = (object: Record<string, unknown>): TrackedObject => ({
  object: object as KubeObject,
  source: { kind: 'typescript', file: 'main.ts', line: 1 },
  touchedBy: [],
});
const summary = (objects: TrackedObject[]): string[] => checkReferences(objects).map((i) => `${i.severity} ${i.object} ${i.field}: ${i.message}`);

const deployment = (podSpec: Record<string, unknown>, labels = { app: 'web' }) =>
  tracked({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } },
  });
const configMap = (name: string) => tracked({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });

describe('checkReferences', () => {
  it('warns about a ConfigMap or Secret a pod reads that the input does not define, unless optional', () => {
    const podSpec = {
      containers: [
        {
          name: 'a',
          image: 'x',
          env: [
            { name: 'A', valueFrom: { configMapKeyRef: { name: 'settings', key: 'a' } } },
            { name: 'B', valueFrom: { configMapKeyRef: { name: 'setings', key: 'b' } } },
            { name: 'C', valueFrom: { configMapKeyRef: { name: 'extra', key: 'c', optional: true } } },
          ],
        },
      ],
      volumes: [
        { name: 'v', configMap: { name: 'other' } },
        { name: 's', secret: { secretName: 'tls' } },
      ],
    };
    expect(summary([deployment(podSpec), configMap('settings')])).toEqual([
      'warning Deployment/web spec.template.spec.containers[0].env[1].valueFrom.configMapKeyRef.name: names ConfigMap "setings", which is not in this input',
      'warning Deployment/web spec.template.spec.volumes[0].configMap.name: names ConfigMap "other", which is not in this input',
    ]);
  });

  it('says nothing about a kind the input does not define at all (one file of a larger app)', () => {
    const podSpec = { containers: [{ name: 'a', image: 'x', envFrom: [{ secretRef: { name: 'creds' } }] }] };
    expect(summary([deployment(podSpec)])).toEqual([]);
    const inDefault = tracked({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
    expect(summary([deployment({ containers: [{ name: 'a', image: 'x' }] }), inDefault])).toEqual([]);
  });

  it('warns about a Service selecting no pod template, an Ingress naming a missing Service, a binding to a missing Role', () => {
    const service = (name: string, selector: Record<string, string>) => tracked({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector } });
    const ingress = tracked({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'in' },
      spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wbe', port: { number: 80 } } } }] } }] },
    });
    const role = tracked({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' } });
    const binding = (roleRef: Record<string, string>) =>
      tracked({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `b-${roleRef.name}` },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', ...roleRef },
      });
    const objects = [
      deployment({ containers: [{ name: 'a', image: 'x' }] }),
      service('web', { app: 'web' }),
      service('api', { app: 'api' }),
      ingress,
      role,
      binding({ kind: 'Role', name: 'reader' }),
      binding({ kind: 'Role', name: 'writer' }),
      binding({ kind: 'ClusterRole', name: 'view' }),
    ];
    expect(summary(objects)).toEqual([
      'warning Service/api spec.selector: selects no pod template in this input (app: api)',
      'warning Ingress/in spec.rules[0].http.paths[0].backend.service.name: names Service "wbe", which is not in this input',
      'warning RoleBinding/b-writer roleRef.name: names Role "writer", which is not in this input',
    ]);
  });

  it('points at the line of the reference in YAML input', () => {
    const text = [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: web}',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: wbe',
      '  maxReplicas: 3',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec: {selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: x}]}}}',
    ].join('\n');
    const [issue] = checkReferences(readManifestText(text, 'hpa.yaml').objects);
    expect(issue).toMatchObject({ severity: 'warning', code: 'dangling-reference', location: { file: 'hpa.yaml', line: 8, column: 11 } });
  });

  it("warns about an Ingress backend port the input's Service does not expose", () => {
    const service = tracked({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ name: 'http', port: 80 }] } });
    const ingress = (port: Record<string, unknown>) =>
      tracked({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'in' }, spec: { defaultBackend: { service: { name: 'web', port } } } });
    expect(summary([service, ingress({ number: 80 })])).toEqual([]);
    expect(summary([service, ingress({ name: 'http' })])).toEqual([]);
    expect(summary([service, ingress({ number: 8080 })])).toEqual(['warning Ingress/in spec.defaultBackend.service.port: Service "web" has no port 8080']);
    expect(summary([service, ingress({ name: 'https' })])).toEqual(['warning Ingress/in spec.defaultBackend.service.port: Service "web" has no port "https"']);
  });
});
