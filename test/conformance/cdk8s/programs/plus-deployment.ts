// cdk8s-plus: a Deployment exposed through a Service and an Ingress, with probes, resources,
// environment from a ConfigMap and a Secret, a volume, and secure defaults.
import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'web', { namespace: 'web' });
const config = new kplus.ConfigMap(chart, 'config', { data: { LOG_LEVEL: 'info' } });
const secret = new kplus.Secret(chart, 'secret', { stringData: { API_KEY: 'not-a-real-key' } });

const deployment = new kplus.Deployment(chart, 'frontend', {
  replicas: 3,
  minReady: Duration.seconds(10),
  strategy: kplus.DeploymentStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1), maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
  containers: [
    {
      name: 'app',
      image: 'ghcr.io/example/frontend:1.4.2',
      portNumber: 8080,
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromConfigMap(config, 'LOG_LEVEL'),
        API_KEY: kplus.EnvValue.fromSecretValue({ secret, key: 'API_KEY' }),
        MODE: kplus.EnvValue.fromValue('production'),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
      readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080, periodSeconds: Duration.seconds(5) }),
      liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
    },
  ],
});
deployment.containers[0]!.mount('/cache', kplus.Volume.fromEmptyDir(chart, 'cache', 'cache', { sizeLimit: Size.gibibytes(1) }));
deployment.metadata.addLabel('tier', 'web');
const service = deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
new kplus.Ingress(chart, 'ingress', {
  rules: [{ host: 'shop.example.com', path: '/', backend: kplus.IngressBackend.fromService(service) }],
});
app.synth();
