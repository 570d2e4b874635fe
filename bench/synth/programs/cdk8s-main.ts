// The same program for cdk8s (cdk8s-plus-32's generated k8s classes), as a cdk8s user writes it.
import { App, Chart } from 'cdk8s';
import { KubeConfigMap, KubeDeployment, KubeService, IntOrString, Quantity } from 'cdk8s-plus-32/lib/imports/k8s.js';

const n = Number(process.env.BENCH_N ?? 1000);
const app = new App();
const chart = new Chart(app, 'bench');

for (let i = 0; i < n; i++) {
  const labels = { app: `app-${i}` };
  new KubeConfigMap(chart, `config-${i}`, { data: { APP_INDEX: String(i), LOG_LEVEL: 'info', FEATURE_X: 'on' } });
  new KubeDeployment(chart, `deployment-${i}`, {
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: `registry.example.com/app-${i}:1.0.${i}`,
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'APP_INDEX', value: String(i) }],
              resources: { requests: { cpu: Quantity.fromString('100m'), memory: Quantity.fromString('128Mi') }, limits: { memory: Quantity.fromString('256Mi') } },
            },
          ],
        },
      },
    },
  });
  new KubeService(chart, `service-${i}`, { spec: { selector: labels, ports: [{ port: 80, targetPort: IntOrString.fromNumber(8080) }] } });
}
app.synth();
