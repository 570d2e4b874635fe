// The kubia pods: a manual pod, labels, a node selector, a liveness probe, a sidecar.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'kubia-pods');
const kubia = (name = 'kubia'): k8s.coreV1.PodSpec => ({ containers: [{ name, image: 'luksa/kubia', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] });

new k8s.Pod(chart, 'manual', { metadata: { name: 'kubia-manual' }, spec: kubia() });

new k8s.Pod(chart, 'manual-v2', {
  metadata: { name: 'kubia-manual-v2', labels: { creation_method: 'manual', env: 'prod' } },
  spec: kubia(),
});

// Only on nodes labelled gpu=true (the label value is a string: quoted in the output).
new k8s.Pod(chart, 'gpu', { metadata: { name: 'kubia-gpu' }, spec: { nodeSelector: { gpu: 'true' }, ...kubia() } });

new k8s.Pod(chart, 'liveness', {
  metadata: { name: 'kubia-liveness' },
  spec: {
    containers: [
      {
        name: 'kubia',
        image: 'luksa/kubia-unhealthy',
        livenessProbe: { httpGet: { path: '/', port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
        readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 },
      },
    ],
  },
});

// A web server and a sidecar sharing an emptyDir: the sidecar writes, nginx serves.
new k8s.Pod(chart, 'fortune', {
  metadata: { name: 'fortune' },
  spec: {
    containers: [
      { name: 'html-generator', image: 'luksa/fortune', volumeMounts: [{ name: 'html', mountPath: '/var/htdocs' }] },
      { name: 'web-server', image: 'nginx:alpine', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true }] },
    ],
    volumes: [{ name: 'html', emptyDir: {} }],
  },
});
