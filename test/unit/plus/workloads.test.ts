import { describe, expect, it } from 'vitest';
import { App, Chart, KccError } from '../../../src/core/index.js';
import {
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  DeploymentStrategy,
  Duration,
  EnvValue,
  Job,
  LabelExpression,
  Pod,
  Probe,
  ReplicaSet,
  Secret,
  ReplicationController,
  SECURE_CONTAINER_CONTEXT,
  StatefulSet,
  Toleration,
  Volume,
} from '../../../src/plus/index.js';
import { only, synthValid } from './synth.js';

describe('kcc-plus workloads', () => {
  it('Deployment: secure defaults on pod and containers, selector from the name, strategy', async () => {
    const objects = await synthValid((chart) => {
      new Deployment(chart, 'web', {
        metadata: { name: 'web' },
        replicas: 3,
        strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
        containers: [{ image: 'nginxinc/nginx-unprivileged:1.27', port: 8080, readiness: Probe.httpGet('/', 8080) }],
      });
    });
    const deployment = only(objects, 'Deployment');
    expect(deployment.spec.selector).toEqual({ matchLabels: { app: 'web' } });
    expect(deployment.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'web' });
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0]).toEqual({
      name: 'main',
      image: 'nginxinc/nginx-unprivileged:1.27',
      ports: [{ containerPort: 8080 }],
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      readinessProbe: { httpGet: { path: '/', port: 8080 } },
      securityContext: { ...SECURE_CONTAINER_CONTEXT, capabilities: { drop: ['ALL'] } },
    });
  });

  it('secure defaults switch off per workload, per container, and per field', async () => {
    const objects = await synthValid((chart) => {
      const relaxed = new Deployment(chart, 'relaxed', { metadata: { name: 'relaxed' }, secureDefaults: false, containers: [{ image: 'nginx' }] });
      relaxed.addContainer({ image: 'busybox', name: 'strict', secureDefaults: true });
      new Deployment(chart, 'tuned', {
        metadata: { name: 'tuned' },
        securityContext: { runAsUser: 1000 },
        containers: [
          { image: 'app', securityContext: { readOnlyRootFilesystem: false }, resources: { limits: { memory: '1Gi' } } },
          { image: 'sidecarless', resources: {} },
        ],
      });
    });
    const [relaxed, tuned] = objects.filter((o) => o.kind === 'Deployment').map((d) => d.spec.template.spec);
    expect(relaxed.securityContext).toBeUndefined();
    expect(relaxed.automountServiceAccountToken).toBeUndefined();
    expect(relaxed.containers[0]).toEqual({ name: 'main', image: 'nginx' });
    expect(relaxed.containers[1].securityContext.runAsNonRoot).toBe(true);
    expect(tuned.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 1000 });
    expect(tuned.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsNonRoot: true, allowPrivilegeEscalation: false });
    expect(tuned.containers[0].resources).toEqual({ limits: { memory: '1Gi' } });
    expect(tuned.containers[1].resources).toBeUndefined();
    expect(tuned.containers[1].name).toBe('container-1');
  });

  it('multi-container pods: init containers, native sidecars in order, shared volumes declared once', async () => {
    const objects = await synthValid((chart) => {
      const config = ConfigMap.fromLiterals(chart, 'config', { 'app.conf': 'x=1' }, { name: 'app-config' });
      const web = new Deployment(chart, 'web', { metadata: { name: 'web' } });
      const shared = Volume.fromEmptyDir('shared');
      web.addInitContainer({ name: 'wait-db', image: 'busybox', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] });
      web.addSidecar({ name: 'log-shipper', image: 'fluent-bit' }).mount('/logs', shared, { readOnly: true });
      web
        .addContainer({ name: 'app', image: 'app:1', port: 8080, env: { MODE: 'prod', LEVEL: EnvValue.fromConfigMap(config, 'app.conf') } })
        .mount('/logs', shared)
        .mount('/etc/app', Volume.fromConfigMap(config));
      web.addContainer({ name: 'metrics', image: 'exporter', ports: [{ number: 9100, name: 'metrics' }] });
    });
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([
      ['wait-db', undefined],
      ['log-shipper', 'Always'],
    ]);
    expect(pod.containers.map((c: any) => c.name)).toEqual(['app', 'metrics']);
    expect(pod.volumes).toEqual([
      { name: 'shared', emptyDir: {} },
      { name: 'app-config', configMap: { name: 'app-config' } },
    ]);
    expect(pod.containers[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'app.conf' } } },
    ]);
  });

  it('containers added after construction are included; expose() makes ClusterIP, NodePort and LoadBalancer Services', async () => {
    const objects = await synthValid((chart) => {
      const web = new Deployment(chart, 'web', { metadata: { name: 'web' } });
      web.addContainer({ image: 'app', port: 8080 });
      web.expose({ port: 80 });
      web.expose({ type: 'NodePort', port: 80, nodePort: 30080, metadata: { name: 'web-nodeport' } });
      web.expose({
        type: 'LoadBalancer',
        ports: [
          { name: 'http', port: 80, targetPort: 8080 },
          { name: 'https', port: 443, targetPort: 8443 },
        ],
        metadata: { name: 'web-lb' },
      });
    });
    const services = objects.filter((o) => o.kind === 'Service');
    expect(services.map((s) => [s.metadata.name, s.spec.type])).toEqual([
      ['web', undefined],
      ['web-nodeport', 'NodePort'],
      ['web-lb', 'LoadBalancer'],
    ]);
    expect(services[0].spec).toEqual({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] });
    expect(services[1].spec.ports).toEqual([{ port: 80, targetPort: 8080, nodePort: 30080 }]);
    expect(services[2].spec.ports).toHaveLength(2);
  });

  it('StatefulSet: a headless governing Service and a claim template mounted per pod', async () => {
    const objects = await synthValid((chart) => {
      const db = new StatefulSet(chart, 'db', {
        metadata: { name: 'db' },
        replicas: 3,
        containers: [{ image: 'postgres:17', port: 5432, securityContext: { runAsUser: 999 } }],
      });
      db.addVolumeClaimTemplate('data', { storage: '1Gi', storageClass: 'standard' }, '/var/lib/postgresql/data');
    });
    const set = only(objects, 'StatefulSet');
    const service = only(objects, 'Service');
    expect(service.spec).toEqual({ clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] });
    expect(set.spec.serviceName).toBe('db');
    expect(set.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
      },
    ]);
    expect(set.spec.template.spec.volumes).toBeUndefined();
    expect(set.spec.template.spec.containers[0].volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/postgresql/data' }]);
  });

  it('DaemonSet, ReplicaSet with matchExpressions, ReplicationController, bare Pod', async () => {
    const objects = await synthValid((chart) => {
      new DaemonSet(chart, 'agent', {
        metadata: { name: 'agent' },
        secureDefaults: false,
        tolerations: [Toleration.exists('node-role.kubernetes.io/control-plane', 'NoSchedule')],
        containers: [{ image: 'fluentd' }],
        updateStrategy: { maxUnavailable: 2 },
      });
      new ReplicaSet(chart, 'frontend', {
        metadata: { name: 'frontend' },
        replicas: 2,
        podMetadata: { labels: { tier: 'frontend' } },
        selectorExpressions: [LabelExpression.in('tier', ['frontend'])],
        containers: [{ image: 'php-redis' }],
      });
      new ReplicationController(chart, 'rc', { metadata: { name: 'kubia' }, replicas: 3, containers: [{ image: 'luksa/kubia', port: 8080 }] });
      new Pod(chart, 'pod', { metadata: { name: 'kubia-manual', labels: { env: 'debug' } }, containers: [{ image: 'luksa/kubia' }] });
    });
    expect(only(objects, 'DaemonSet').spec.template.spec.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    expect(only(objects, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } });
    expect(only(objects, 'ReplicaSet').spec.selector).toEqual({
      matchLabels: { app: 'frontend' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }],
    });
    expect(only(objects, 'ReplicaSet').spec.template.metadata.labels).toEqual({ tier: 'frontend', app: 'frontend' });
    expect(only(objects, 'ReplicationController').spec.selector).toEqual({ app: 'kubia' });
    const pod = only(objects, 'Pod');
    expect(pod.metadata.labels).toEqual({ env: 'debug', app: 'kubia-manual' });
    expect(pod.spec.containers[0].image).toBe('luksa/kubia');
  });

  it('Job and CronJob: restartPolicy Never by default, job options, schedule', async () => {
    const objects = await synthValid((chart) => {
      new Job(chart, 'pi', {
        metadata: { name: 'pi' },
        backoffLimit: 4,
        completions: 5,
        parallelism: 2,
        ttlAfterFinished: Duration.minutes(10),
        containers: [{ image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
      });
      new CronJob(chart, 'hello', {
        metadata: { name: 'hello' },
        schedule: '*/1 * * * *',
        concurrencyPolicy: 'Forbid',
        restartPolicy: 'OnFailure',
        containers: [{ image: 'busybox', args: ['date'] }],
      });
    });
    const job = only(objects, 'Job');
    expect(job.spec).toMatchObject({ backoffLimit: 4, completions: 5, parallelism: 2, ttlSecondsAfterFinished: 600 });
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    const cron = only(objects, 'CronJob');
    expect(cron.spec.schedule).toBe('*/1 * * * *');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
  });

  it('rejects bad input with a KccError naming the problem', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    expect(() => new CronJob(chart, 'bad', { schedule: '* * *', containers: [{ image: 'x' }] })).toThrow(/has 3 fields, cron needs 5/);
    const web = new Deployment(chart, 'web', { containers: [{ image: 'x', name: 'a' }] });
    expect(() => web.addContainer({ image: 'y', name: 'a' })).toThrow(/already has a container named "a"/);
    expect(() => web.expose()).toThrow(/no port/);
    expect(() => web.expose({ port: 80, nodePort: 30000 })).toThrow(/nodePort needs type NodePort/);
    expect(() => Toleration.equal('k', 'v', 'NoSchedule', 60)).toThrow(/only to the NoExecute effect/);
    new Deployment(chart, 'empty');
    await expect(app.synth()).rejects.toThrow(/Deployment \S+ has no containers/);
    const other = new App();
    const d = new Deployment(new Chart(other, 'c'), 'd', { containers: [{ image: 'x' }] });
    d.containers[0]!.mount('/a', Volume.fromEmptyDir('v'));
    d.addContainer({ image: 'y', name: 'b' }).mount('/b', Volume.fromEmptyDir('v', { medium: 'Memory' }));
    await expect(other.synth()).rejects.toThrow(/two different volumes named "v"/);
  });

  it('errors point at the line of the program that caused them', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const web = new Deployment(chart, 'web', { containers: [{ image: 'x', name: 'a' }] });
    const thrown = (() => {
      try {
        web.addContainer({ image: 'y', name: 'a' });
      } catch (error) {
        return error as KccError;
      }
    })();
    expect(thrown).toBeInstanceOf(KccError);
    expect(thrown!.location).toMatchObject({ kind: 'typescript', file: expect.stringMatching(/workloads\.test\.ts$/) });
    new Deployment(chart, 'empty');
    const failure = await app.synth().catch((error: KccError) => error);
    expect(failure).toBeInstanceOf(KccError);
    expect((failure as KccError).location).toMatchObject({ file: expect.stringMatching(/workloads\.test\.ts$/), line: expect.any(Number) });
  });

  it('pod-level options: pull secrets, service account by name, host network, grace period, restart policy', async () => {
    const objects = await synthValid((chart) => {
      const registry = Secret.dockerRegistry(chart, 'registry', { server: 'r.example.com', username: 'u', password: 'p' }, { name: 'registry' });
      new Pod(chart, 'pod', {
        metadata: { name: 'tool' },
        imagePullSecrets: [registry, 'other-registry'],
        serviceAccount: 'tools',
        automountServiceAccountToken: false,
        hostNetwork: true,
        terminationGracePeriod: Duration.seconds(5),
        restartPolicy: 'OnFailure',
        podMetadata: { annotations: { 'example.com/owner': 'ops' } },
        containers: [{ image: 'r.example.com/tool:1', imagePullPolicy: 'Always', workingDir: '/work', startup: Probe.exec(['true']) }],
      });
    });
    const pod = only(objects, 'Pod');
    expect(pod.metadata.annotations).toEqual({ 'example.com/owner': 'ops' });
    expect(pod.spec).toMatchObject({
      imagePullSecrets: [{ name: 'registry' }, { name: 'other-registry' }],
      serviceAccountName: 'tools',
      automountServiceAccountToken: false,
      hostNetwork: true,
      terminationGracePeriodSeconds: 5,
      restartPolicy: 'OnFailure',
    });
    expect(pod.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', workingDir: '/work', startupProbe: { exec: { command: ['true'] } } });
  });
});
