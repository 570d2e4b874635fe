// The quick start: one Deployment and the Service in front of it.
//   kcc synth -a examples/hello/main.ts --stdout
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'hello', { labels: { 'app.kubernetes.io/part-of': 'hello' } });

const labels = { app: 'hello' };
new k8s.Deployment(chart, 'deployment', {
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

new k8s.Service(chart, 'service', {
  metadata: { name: 'hello' },
  spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] },
});
