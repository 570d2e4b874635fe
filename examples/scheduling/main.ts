// Scheduling: tolerations for tainted nodes, node affinity (In, NotIn, Exists, DoesNotExist),
// nodeName (bypasses the scheduler), and a custom scheduler.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'scheduling');
const nginx: k8s.coreV1.Container = { name: 'nginx', image: 'nginx' };

// kubectl taint nodes node1 key1=value1:NoSchedule: only pods tolerating it land there.
new k8s.Pod(chart, 'tolerations', {
  metadata: { name: 'nginx-tolerations' },
  spec: {
    containers: [nginx],
    tolerations: [
      { key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
    ],
  },
});

new k8s.Pod(chart, 'node-affinity', {
  metadata: { name: 'with-node-affinity' },
  spec: {
    containers: [nginx],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['antarctica-east1', 'antarctica-west1'] },
                { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
              ],
            },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 1, preference: { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] } },
          { weight: 10, preference: { matchExpressions: [{ key: 'size', operator: 'NotIn', values: ['small'] }] } },
        ],
      },
    },
  },
});

new k8s.Pod(chart, 'node-name', { metadata: { name: 'nginx-on-node01' }, spec: { nodeName: 'node01', containers: [nginx] } });

new k8s.Pod(chart, 'custom-scheduler', { metadata: { name: 'nginx-my-scheduler' }, spec: { schedulerName: 'my-scheduler', containers: [nginx] } });
