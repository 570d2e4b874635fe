// ReplicationController (the older form) and ReplicaSets selecting by matchLabels and matchExpressions.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'replica-sets');
const template = (labels: Record<string, string>): k8s.coreV1.PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'kubia', image: 'luksa/kubia', ports: [{ containerPort: 8080 }] }] },
});

new k8s.ReplicationController(chart, 'rc', {
  metadata: { name: 'kubia-rc' },
  spec: { replicas: 3, selector: { app: 'kubia-rc' }, template: template({ app: 'kubia-rc' }) },
});

new k8s.ReplicaSet(chart, 'match-labels', {
  metadata: { name: 'kubia' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'kubia' } }, template: template({ app: 'kubia' }) },
});

new k8s.ReplicaSet(chart, 'match-expressions', {
  metadata: { name: 'kubia-expressions' },
  spec: {
    replicas: 2,
    selector: {
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['kubia-x'] },
        { key: 'env', operator: 'NotIn', values: ['debug'] },
        { key: 'tier', operator: 'Exists' },
      ],
    },
    template: template({ app: 'kubia-x', tier: 'web' }),
  },
});
