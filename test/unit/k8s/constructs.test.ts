import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import * as k8s from '../../../src/k8s/index.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';

describe('generated constructs (kcc/k8s)', () => {
  it('synthesize typed props into a manifest the schema accepts', () => {
    const app = new App();
    const chart = new Chart(app, 'web', { namespace: 'shop', labels: { team: 'a' } });
    const labels = { app: 'web' };
    const deployment = new k8s.Deployment(chart, 'web', {
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { limits: { cpu: '500m', memory: '128Mi' } } }] },
        },
      },
    });
    const service = new k8s.Service(chart, 'svc', { metadata: { name: 'web' }, spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] } });
    const json = deployment.toJson();
    expect(json).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'shop', labels: { team: 'a' } }, spec: { replicas: 2 } });
    expect(service.toJson()).toMatchObject({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' } });
    const issues = validateObjects([json, service.toJson()].map((object) => ({ object, source: { kind: 'typescript' as const, file: 'main.ts' }, touchedBy: [] })));
    expect(issues).toEqual([]);
  });

  it('expose GVK and a scope-free manifest()', () => {
    expect(k8s.Deployment.GVK).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment' });
    const manifest = k8s.ConfigMap.manifest({ metadata: { name: 'settings' }, data: { mode: 'fast' } });
    expect(manifest).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } });
  });

  it('flat names pick the stable version, core winning clashes; namespaces hold every version', () => {
    expect(k8s.HorizontalPodAutoscaler.GVK.apiVersion).toBe('autoscaling/v2');
    expect(k8s.autoscalingV1.HorizontalPodAutoscaler.GVK.apiVersion).toBe('autoscaling/v1');
    expect(k8s.Event.GVK.apiVersion).toBe('v1');
    expect(k8s.eventsV1.Event.GVK.apiVersion).toBe('events.k8s.io/v1');
    expect(k8s.Ingress.GVK.apiVersion).toBe('networking.k8s.io/v1');
    expect(k8s.PriorityClass.GVK.apiVersion).toBe('scheduling.k8s.io/v1');
    expect(k8s.CertificateSigningRequest.GVK.apiVersion).toBe('certificates.k8s.io/v1');
  });

  it('export the core/v1 and meta/v1 building blocks flat', () => {
    const container: k8s.Container = { name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] };
    const meta: k8s.ObjectMeta = { name: 'web', labels: { app: 'web' } };
    const cpu: k8s.Quantity = '500m';
    const port: k8s.IntOrString = 'http';
    const pod = k8s.Pod.manifest({ metadata: meta, spec: { containers: [{ ...container, resources: { limits: { cpu } }, readinessProbe: { httpGet: { port } } }] } });
    expect(pod).toMatchObject({ kind: 'Pod', spec: { containers: [{ name: 'web', resources: { limits: { cpu: '500m' } } }] } });
  });

  it('are typed: wrong field types and unknown fields do not compile', () => {
    const app = new App();
    const chart = new Chart(app, 'typed');
    // @ts-expect-error replicas is a number
    new k8s.Deployment(chart, 'a', { spec: { replicas: 'two', selector: {}, template: {} } });
    // @ts-expect-error serviceName is not a field of a networking.k8s.io/v1 IngressBackend
    new k8s.Ingress(chart, 'b', { spec: { defaultBackend: { serviceName: 'web' } } });
    // @ts-expect-error RoleBinding requires roleRef
    new k8s.RoleBinding(chart, 'c', {});
    expect(chart.node.children).toHaveLength(3);
  });
});
