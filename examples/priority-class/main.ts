// A PriorityClass and a pod that uses it.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'priority-class');

const high = new k8s.PriorityClass(chart, 'high', {
  metadata: { name: 'high-priority' },
  value: 1000000,
  globalDefault: false,
  description: 'For pods that must be scheduled before others.',
});

const pod = new k8s.Pod(chart, 'nginx', {
  metadata: { name: 'nginx-high-priority' },
  spec: { priorityClassName: high.name, containers: [{ name: 'nginx', image: 'nginx', imagePullPolicy: 'IfNotPresent' }] },
});
// The class must exist before a pod refers to it (PriorityClass has no rank in the install order).
pod.addDependency(high);
