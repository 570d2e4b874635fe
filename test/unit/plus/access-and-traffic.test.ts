import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import {
  AccessRole,
  CertificateSigningRequest,
  ClusterRole,
  Deployment,
  Duration,
  HorizontalPodAutoscaler,
  Ingress,
  IngressBackend,
  IngressClass,
  Metric,
  READ_VERBS,
  Resource,
  Role,
  Secret,
  ServiceAccount,
  Subject,
} from '../../../src/plus/index.js';
import { only, synthValid } from './synth.js';

const CSR_PEM =
  '-----BEGIN CERTIFICATE REQUEST-----\nMIIBVDCBvgIBADAVMRMwEQYDVQQDDApqYW5lLWRvZTAwgZ8wDQYJKoZIhvcNAQEBBQAD\n-----END CERTIFICATE REQUEST-----\n';

describe('kcc-plus RBAC, Ingress, HPA, CSR', () => {
  it('ServiceAccount as pod identity and RBAC subject; Role.grant and ClusterRole.grantInNamespace', async () => {
    const objects = await synthValid((chart) => {
      const sa = new ServiceAccount(chart, 'sa', { metadata: { name: 'build-robot' }, imagePullSecrets: ['registry'] });
      new Deployment(chart, 'ci', { metadata: { name: 'ci' }, serviceAccount: sa, containers: [{ image: 'ci' }] });
      new Role(chart, 'reader', { name: 'pod-reader' })
        .allowRead(Resource.PODS, Resource.subresource('pods', 'log'))
        .allow(['get', 'update'], Resource.CONFIG_MAPS.named('app-config'))
        .grant(sa, Subject.user('jane'));
      const nodes = new ClusterRole(chart, 'nodes', { name: 'node-reader' }).allowRead(Resource.NODES).allowNonResource(['get'], '/healthz');
      nodes.grantAs('ops-node-readers', Subject.group('ops'));
      nodes.grantInNamespace('dev', sa);
    });
    expect(only(objects, 'ServiceAccount')).toMatchObject({ automountServiceAccountToken: false, imagePullSecrets: [{ name: 'registry' }] });
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.serviceAccountName).toBe('build-robot');
    expect(pod.automountServiceAccountToken).toBeUndefined();
    expect(only(objects, 'Role').rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['configmaps'], resourceNames: ['app-config'], verbs: ['get', 'update'] },
    ]);
    const bindings = objects.filter((o) => o.kind === 'RoleBinding');
    expect(bindings[0]).toMatchObject({
      roleRef: { kind: 'Role', name: 'pod-reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'build-robot', namespace: 'ns' },
        { kind: 'User', name: 'jane' },
      ],
    });
    expect(bindings[1]).toMatchObject({ metadata: { namespace: 'dev' }, roleRef: { kind: 'ClusterRole', name: 'node-reader' } });
    expect(only(objects, 'ClusterRole').rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: [...READ_VERBS] },
      { nonResourceURLs: ['/healthz'], verbs: ['get'] },
    ]);
    expect(only(objects, 'ClusterRoleBinding')).toMatchObject({
      metadata: { name: 'ops-node-readers' },
      subjects: [{ kind: 'Group', name: 'ops', apiGroup: 'rbac.authorization.k8s.io' }],
    });
  });

  it('AccessRole keeps its API (bind, Subject.serviceAccount(name, namespace))', async () => {
    const objects = await synthValid((chart) => {
      new AccessRole(chart, 'r', { name: 'r', clusterWide: true }).allowRead(Resource.DEPLOYMENTS).bind(Subject.serviceAccount('ci', 'build'));
    });
    expect(only(objects, 'ClusterRoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'ci', namespace: 'build' }]);
  });

  it('rejects a service account without namespace in a ClusterRoleBinding, and non-resource URLs on a Role', () => {
    const chart = new Chart(new App(), 'c');
    const sa = new ServiceAccount(chart, 'sa');
    expect(() => new ClusterRole(chart, 'cr').grant(sa)).toThrow(/needs a namespace in a ClusterRoleBinding/);
    expect(() => new Role(chart, 'r').allowNonResource(['get'], '/metrics')).toThrow(/only be allowed by a ClusterRole/);
    expect(() => new Role(chart, 'r2').grant()).toThrow(/at least one subject/);
  });

  it('Ingress: host and path rules, TLS, class, default backend; IngressClass', async () => {
    const objects = await synthValid((chart) => {
      const nginx = new IngressClass(chart, 'nginx', { metadata: { name: 'nginx' }, controller: 'k8s.io/ingress-nginx', isDefault: true });
      const web = new Deployment(chart, 'web', { metadata: { name: 'web' }, containers: [{ image: 'web', port: 8080 }] });
      const service = web.expose({ port: 80 });
      const tls = Secret.tlsFromPem(
        chart,
        'tls',
        { cert: '-----BEGIN CERTIFICATE-----\n', key: '-----BEGIN PRIVATE KEY-----\n' },
        { name: 'shop-tls' },
      );
      const ingress = new Ingress(chart, 'shop', {
        metadata: { name: 'shop', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
        className: nginx,
        defaultBackend: IngressBackend.service('default-http-backend', 80),
      });
      ingress
        .addHostRule('shop.example.com', '/', IngressBackend.service(service, 80))
        .addHostRule('shop.example.com', '/api', IngressBackend.service('api', 'http'), 'Exact');
      ingress.addRule('/static', IngressBackend.service(service, 80));
      ingress.addTls(['shop.example.com'], tls);
    });
    expect(only(objects, 'IngressClass')).toMatchObject({
      metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    const spec = only(objects, 'Ingress').spec;
    expect(spec.ingressClassName).toBe('nginx');
    expect(spec.defaultBackend).toEqual({ service: { name: 'default-http-backend', port: { number: 80 } } });
    expect(spec.rules).toEqual([
      {
        host: 'shop.example.com',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
            { path: '/api', pathType: 'Exact', backend: { service: { name: 'api', port: { name: 'http' } } } },
          ],
        },
      },
      { http: { paths: [{ path: '/static', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
    ]);
    expect(spec.tls).toEqual([{ hosts: ['shop.example.com'], secretName: 'shop-tls' }]);
    expect(only(objects, 'Secret').type).toBe('kubernetes.io/tls');
  });

  it('an Ingress without rules or default backend fails the synth; a path must start with /', async () => {
    const app = new App();
    const ingress = new Ingress(new Chart(app, 'c'), 'empty');
    expect(() => ingress.addRule('api', IngressBackend.service('api', 80))).toThrow(/must start with "\/"/);
    await expect(app.synth()).rejects.toThrow(/has neither rules nor a default backend/);
  });

  it('HorizontalPodAutoscaler: autoscaling/v2 metrics and the v1 CPU form', async () => {
    const objects = await synthValid((chart) => {
      const php = new Deployment(chart, 'php', {
        metadata: { name: 'php-apache' },
        containers: [{ image: 'registry.k8s.io/hpa-example', port: 80, resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } } }],
      });
      new HorizontalPodAutoscaler(chart, 'v2', {
        metadata: { name: 'php-v2' },
        target: php,
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [Metric.cpuUtilization(50), Metric.memoryAverage('500Mi'), Metric.pods('packets-per-second', '1k')],
      });
      new HorizontalPodAutoscaler(chart, 'v1', {
        metadata: { name: 'php-v1' },
        apiVersion: 'autoscaling/v1',
        target: php,
        maxReplicas: 5,
        metrics: [Metric.cpuUtilization(50)],
      });
    });
    const [v2, v1] = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' });
    expect(v2.spec.metrics[0]).toEqual({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } });
    expect(v2.spec.metrics).toHaveLength(3);
    expect(v1).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 50 } });
  });

  it('rejects v1 with a non-CPU metric and min above max', () => {
    const chart = new Chart(new App(), 'c');
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'x' };
    expect(
      () =>
        new HorizontalPodAutoscaler(chart, 'a', { target, maxReplicas: 3, apiVersion: 'autoscaling/v1', metrics: [Metric.memoryUtilization(50)] }),
    ).toThrow(/one CPU utilization metric/);
    expect(() => new HorizontalPodAutoscaler(chart, 'b', { target, minReplicas: 4, maxReplicas: 3 })).toThrow(/minReplicas <= maxReplicas/);
  });

  it('CertificateSigningRequest base64-encodes the PEM and defaults to a client certificate', async () => {
    const objects = await synthValid((chart) => {
      new CertificateSigningRequest(chart, 'jane', { metadata: { name: 'jane' }, request: CSR_PEM, expiration: Duration.minutes(60 * 24) });
    });
    const csr = only(objects, 'CertificateSigningRequest');
    expect(csr.metadata.namespace).toBeUndefined();
    expect(Buffer.from(csr.spec.request, 'base64').toString()).toBe(CSR_PEM);
    expect(csr.spec).toMatchObject({ signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], expirationSeconds: 86400 });
    expect(() => new CertificateSigningRequest(new Chart(new App(), 'c'), 'x', { request: 'TUlJQ' })).toThrow(/not a PEM certificate request/);
  });
});
