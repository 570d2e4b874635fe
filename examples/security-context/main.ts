// Security contexts: pod-level user and group, container-level privilege and capabilities.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'security-context');

new k8s.Pod(chart, 'demo', {
  metadata: { name: 'security-context-demo' },
  spec: {
    securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, runAsNonRoot: true },
    volumes: [{ name: 'sec-ctx-vol', emptyDir: {} }],
    containers: [
      {
        name: 'sec-ctx-demo',
        image: 'busybox:1.28',
        command: ['sh', '-c', 'sleep 1h'],
        volumeMounts: [{ name: 'sec-ctx-vol', mountPath: '/data/demo' }],
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] },
        },
      },
    ],
  },
});

new k8s.Pod(chart, 'privileged', {
  metadata: { name: 'privileged-pod' },
  spec: { containers: [{ name: 'main', image: 'alpine', command: ['sleep', '999999'], securityContext: { privileged: true } }] },
});
