// Bench program for kcc: N Deployments + N Services + N ConfigMaps in one chart (N from BENCH_N).
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const n = Number(process.env.BENCH_N ?? 1000);
const app = new App();
const chart = new Chart(app, 'bench');

for (let i = 0; i < n; i++) {
  const labels = { app: `app-${i}` };
  new k8s.ConfigMap(chart, `config-${i}`, { data: { 'APP_INDEX': String(i), 'LOG_LEVEL': 'info', 'FEATURE_X': 'on' } });
  new k8s.Deployment(chart, `deployment-${i}`, {
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
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            },
          ],
        },
      },
    },
  });
  new k8s.Service(chart, `service-${i}`, { spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } });
}
