// A DaemonSet: one logging agent per node, also on control-plane nodes (tolerations).
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'daemon-set');
const labels = { name: 'fluentd-elasticsearch' };

new k8s.DaemonSet(chart, 'fluentd', {
  metadata: { name: 'fluentd-elasticsearch', labels: { 'k8s-app': 'fluentd-logging' } },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
          { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
        ],
        containers: [
          {
            name: 'fluentd-elasticsearch',
            image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
            resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
            volumeMounts: [{ name: 'varlog', mountPath: '/var/log' }],
          },
        ],
        terminationGracePeriodSeconds: 30,
        volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }],
      },
    },
  },
});
