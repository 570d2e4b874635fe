// A namespace with a ResourceQuota and a LimitRange (defaults per container).
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
// Every namespaced object in this chart goes to quota-demo; the Namespace itself is cluster-scoped.
const chart = new Chart(app, 'quotas', { namespace: 'quota-demo' });

new k8s.Namespace(chart, 'namespace', { metadata: { name: 'quota-demo' } });

new k8s.ResourceQuota(chart, 'compute', {
  metadata: { name: 'compute-resources' },
  spec: { hard: { pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' } },
});

new k8s.ResourceQuota(chart, 'objects', {
  metadata: { name: 'object-counts' },
  spec: { hard: { configmaps: '10', persistentvolumeclaims: '4', services: '10', 'services.loadbalancers': '2', secrets: '10', 'requests.storage': '10Gi' } },
});

new k8s.LimitRange(chart, 'limits', {
  metadata: { name: 'container-limits' },
  spec: {
    limits: [
      {
        type: 'Container',
        default: { cpu: '500m', memory: '512Mi' },
        defaultRequest: { cpu: '250m', memory: '256Mi' },
        max: { cpu: '1', memory: '1Gi' },
        min: { cpu: '100m', memory: '64Mi' },
      },
    ],
  },
});
