// A StatefulSet with its headless Service and a volume claim per replica.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'stateful-set');
const labels = { app: 'nginx' };

const service = new k8s.Service(chart, 'service', {
  metadata: { name: 'nginx', labels },
  spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: labels },
});

new k8s.StatefulSet(chart, 'web', {
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: labels },
    serviceName: service.name,
    replicas: 3,
    minReadySeconds: 10,
    template: {
      metadata: { labels },
      spec: {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});
