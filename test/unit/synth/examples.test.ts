import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject, SourceLocation } from '../../../src/core/kube-object.js';

interface ExampleResult {
  yaml: string;
  deterministic: boolean;
  charts: string[];
  objects: { object: KubeObject; source: SourceLocation }[];
  issues: { severity: string; message: string }[];
  error?: string;
}

// All examples are synthesized once, by the built kcc in a plain Node process (needs `npm run build`).
let results: Record<string, ExampleResult>;
beforeAll(() => {
  results = JSON.parse(execFileSync('node', [new URL('./synth-examples.mjs', import.meta.url).pathname], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}, 120_000);

const objects = (example: string): KubeObject[] => results[example]!.objects.map((o) => o.object);
const find = (example: string, kind: string, name: string): KubeObject => {
  const found = objects(example).find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`${example}: no ${kind}/${name}`);
  return found;
};
const spec = (o: KubeObject): any => o.spec;

describe('examples', () => {
  it('every example synthesizes, validates against the schemas, and is byte-identical on a second run', () => {
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(24);
    for (const [name, result] of Object.entries(results)) {
      expect(result.error, name).toBeUndefined();
      expect(result.issues.filter((i) => i.severity === 'error'), name).toEqual([]);
      expect(result.deterministic, name).toBe(true);
    }
  });

  it('lists the objects of each example (small snapshot: kind/namespace/name in output order)', () => {
    const summary = Object.fromEntries(Object.entries(results).map(([name, r]) => [name, r.objects.map((o) => [o.object.kind, o.object.metadata.namespace, o.object.metadata.name].filter(Boolean).join('/'))]));
    expect(summary).toMatchSnapshot();
  });

  it('writes the hello example exactly so (output format)', async () => {
    await expect(results.hello!.yaml).toMatchFileSnapshot('__snapshots__/hello.k8s.yaml');
  });

  it('records the TypeScript line that created each object, through source maps', () => {
    const service = results.hello!.objects.find((o) => o.object.kind === 'Service')!;
    expect(service.source).toMatchObject({ kind: 'typescript', file: 'examples/hello/main.ts', line: 22 });
    const included = results.include!.objects.find((o) => o.object.kind === 'Service')!;
    expect(included.source).toMatchObject({ kind: 'yaml', file: 'examples/include/service.yaml', line: 2 });
  });

  it('puts objects in install order', () => {
    const kinds = objects('wordpress-mysql').map((o) => o.kind);
    expect(kinds).toEqual(['Secret', 'PersistentVolumeClaim', 'PersistentVolumeClaim', 'Service', 'Service', 'Deployment', 'Deployment']);
    expect(objects('quotas').map((o) => o.kind)).toEqual(['Namespace', 'ResourceQuota', 'ResourceQuota', 'LimitRange']);
    // A declared dependency wins over install order (PriorityClass has no rank of its own).
    expect(objects('priority-class').map((o) => o.kind)).toEqual(['PriorityClass', 'Pod']);
  });

  it('services: one of each type', () => {
    expect(spec(find('services', 'Service', 'kubia-nodeport'))).toMatchObject({ type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }] });
    expect(spec(find('services', 'Service', 'kubia-loadbalancer')).type).toBe('LoadBalancer');
    expect(spec(find('services', 'Service', 'kubia-headless')).clusterIP).toBe('None');
    expect(spec(find('services', 'Service', 'external-service'))).toEqual({ type: 'ExternalName', externalName: 'api.somecompany.com' });
    expect(spec(find('services', 'Service', 'kubia-web'))).toMatchObject({ type: 'NodePort', selector: { app: 'kubia-web' } });
    expect(spec(find('services', 'Deployment', 'kubia-web'))).toMatchObject({ replicas: 3, selector: { matchLabels: { app: 'kubia-web' } } });
  });

  it('ingress: TLS from files, fan-out paths with service backends', () => {
    const ingress = spec(find('ingress', 'Ingress', 'kubia'));
    expect(ingress.tls).toEqual([{ hosts: ['kubia.example.com'], secretName: 'kubia-tls' }]);
    expect(ingress.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name, p.backend.service.port.number])).toEqual([
      ['/kubia', 'kubia', 80],
      ['/bar', 'bar', 80],
    ]);
    const secret = find('ingress', 'Secret', 'kubia-tls') as any;
    expect(secret.type).toBe('kubernetes.io/tls');
    expect(Buffer.from(secret.data['tls.crt'], 'base64').toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('config: literals and files, YAML 1.1 look-alikes stay strings', () => {
    const game = find('config', 'ConfigMap', 'game-config') as any;
    expect(game.data['game.properties']).toMatch(/^enemies=aliens\n/);
    expect(Object.keys(game.data)).toEqual(['game.properties', 'ui.properties']);
    const yaml = results.config!.yaml;
    expect(yaml).toContain('FEATURE_FLAG: "on"');
    expect(yaml).toContain('FILE_MODE: "0755"');
    expect(parse(yaml.split('---\n').find((d) => d.includes('env-config'))!, { version: '1.1' }).data).toEqual({ LOG_LEVEL: 'info', FEATURE_FLAG: 'on', FILE_MODE: '0755', RATIO: '1e3' });
    const pod = spec(find('config', 'Pod', 'config-env'));
    expect(pod.containers[0].env[0]).toEqual({ name: 'SPECIAL_LEVEL_KEY', valueFrom: { configMapKeyRef: { name: 'special-config', key: 'special.how' } } });
    expect(pod.containers[0].envFrom[1]).toEqual({ secretRef: { name: 'db-user-pass' }, prefix: 'DB_' });
  });

  it('secrets: docker-registry credentials in the format kubelet reads', () => {
    const secret = find('service-accounts', 'Secret', 'regcred') as any;
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(secret.data['.dockerconfigjson'], 'base64').toString());
    expect(config.auths['registry.example.com']).toMatchObject({ username: 'builder', auth: Buffer.from('builder:not-a-real-password').toString('base64') });
  });

  it('namespaces: chart namespace on namespaced objects only, labels everywhere', () => {
    const dev = objects('namespaces').filter((o) => o.metadata.labels?.environment === 'dev');
    expect(dev.map((o) => [o.kind, o.metadata.namespace])).toEqual([
      ['Namespace', undefined],
      ['Service', 'dev'],
      ['Deployment', 'dev'],
    ]);
    expect(results.namespaces!.charts).toEqual(['dev', 'prod']);
  });

  it('rbac: the AccessRole helper writes the same shapes as the long form', () => {
    const role = find('rbac', 'ClusterRole', 'deployment-manager') as any;
    expect(role.rules).toEqual([
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'update'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'update'] },
    ]);
    const binding = objects('rbac').find((o) => o.kind === 'ClusterRoleBinding' && (o as any).roleRef.name === 'deployment-manager') as any;
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'ci', namespace: 'default' },
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
  });

  it('volumes, scheduling, quotas, hpa, csr: the fields the docs teach', () => {
    const volumes = spec(find('volumes', 'Pod', 'volumes-demo')).volumes.map((v: any) => Object.keys(v).filter((k) => k !== 'name')[0]);
    expect(volumes).toEqual(['emptyDir', 'emptyDir', 'hostPath', 'nfs', 'configMap', 'secret', 'persistentVolumeClaim']);
    const affinity = spec(find('scheduling', 'Pod', 'with-node-affinity')).affinity.nodeAffinity;
    expect(affinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions.map((e: any) => e.operator)).toEqual(['In', 'DoesNotExist']);
    expect(spec(find('quotas', 'LimitRange', 'container-limits')).limits[0].defaultRequest).toEqual({ cpu: '250m', memory: '256Mi' });
    expect(spec(find('hpa', 'HorizontalPodAutoscaler', 'php-apache')).metrics[0].resource.target).toEqual({ type: 'Utilization', averageUtilization: 50 });
    expect(Buffer.from(spec(find('csr', 'CertificateSigningRequest', 'jane')).request, 'base64').toString()).toMatch(/BEGIN CERTIFICATE REQUEST/);
  });
});
