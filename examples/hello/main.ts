// The quick start: one Deployment and the Service in front of it.
//   kcc synth -a examples/hello/main.ts --stdout
import { ApiObject, App, Chart } from 'kcc';

const app = new App();
const chart = new Chart(app, 'hello', { labels: { 'app.kubernetes.io/part-of': 'hello' } });

const labels = { app: 'hello' };
new ApiObject(chart, 'deployment', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'hello' },
  spec: {
    replicas: 2,
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: { containers: [{ name: 'hello', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  },
});

new ApiObject(chart, 'service', {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'hello' },
  spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] },
});
