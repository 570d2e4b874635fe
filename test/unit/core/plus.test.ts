import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import { AccessRole, ConfigMap, EnvValue, Probe, Duration, Resource, Secret, Subject, Volume, WebService } from '../../../src/plus/index.js';

async function synth(build: (chart: Chart) => void): Promise<any[]> {
  const app = new App();
  build(new Chart(app, 'c', { namespace: 'ns' }));
  return (await app.synth()).charts[0]!.objects.map((t) => t.object);
}

describe('kcc-plus', () => {
  it('WebService: a Deployment selected by app, exposed as a Service, env/volumes/probes added later', async () => {
    const [service, deployment] = await synth((chart) => {
      const config = ConfigMap.fromLiterals(chart, 'config', { A: '1' }, { name: 'cfg' });
      const web = new WebService(chart, 'web', { name: 'web', image: 'nginx', port: 8080, replicas: 2, envFrom: [config], readiness: Probe.httpGet('/ready', 8080, { period: Duration.seconds(5) }) });
      web.addEnv('MODE', EnvValue.fromConfigMap(config, 'A')).addVolume(Volume.fromConfigMap(config), '/etc/cfg', { readOnly: true });
      web.expose({ type: 'NodePort', port: 80, nodePort: 30080 });
    }).then((objects) => objects.filter((o) => o.kind !== 'ConfigMap'));
    expect(service.spec).toEqual({ type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] });
    expect(service.metadata).toEqual({ name: 'web', namespace: 'ns' });
    const pod = deployment.spec.template.spec;
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(pod.containers[0]).toMatchObject({
      image: 'nginx',
      envFrom: [{ configMapRef: { name: 'cfg' } }],
      env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'A' } } }],
      readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 },
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }],
    });
    expect(pod.volumes).toEqual([{ name: 'cfg', configMap: { name: 'cfg' } }]);
  });

  it('Secret helpers: generic data is base64, docker-registry and TLS types', async () => {
    const objects = await synth((chart) => {
      Secret.fromLiterals(chart, 'generic', { password: 'p@ss' }, { name: 'generic' });
      Secret.dockerRegistry(chart, 'registry', { server: 'r.io', username: 'u', password: 'p' }, { name: 'registry' });
    });
    expect(objects[0]).toMatchObject({ kind: 'Secret', type: 'Opaque', data: { password: Buffer.from('p@ss').toString('base64') }, metadata: { namespace: 'ns' } });
    expect(objects[1].type).toBe('kubernetes.io/dockerconfigjson');
  });

  it('ConfigMap.fromFiles reads at synth and reports a missing file with the line that named it', async () => {
    const app = new App();
    ConfigMap.fromFiles(new Chart(app, 'c'), 'files', ['does-not-exist.properties']);
    await expect(app.synth()).rejects.toThrow(/cannot read does-not-exist\.properties .*ENOENT/);
  });

  it('AccessRole: rules grouped by API group, bindings to subjects', async () => {
    const objects = await synth((chart) => {
      new AccessRole(chart, 'reader', { name: 'reader' }).allowRead(Resource.PODS, Resource.SERVICES, Resource.DEPLOYMENTS).bind(Subject.group('devs'));
    });
    expect(objects.map((o) => o.kind)).toEqual(['Role', 'RoleBinding']);
    expect(objects[0].rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'services'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(objects[1]).toMatchObject({ roleRef: { kind: 'Role', name: 'reader' }, subjects: [{ kind: 'Group', name: 'devs' }] });
  });
});
