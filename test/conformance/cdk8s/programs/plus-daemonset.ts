// cdk8s-plus: a DaemonSet with host volumes, tolerations and a service account.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'logging', { namespace: 'logging' });
const account = new kplus.ServiceAccount(chart, 'agent-account');
const daemon = new kplus.DaemonSet(chart, 'agent', {
  serviceAccount: account,
  minReadySeconds: 5,
  containers: [
    {
      image: 'fluent/fluent-bit:3.1',
      securityContext: { ensureNonRoot: false },
      volumeMounts: [{ path: '/var/log', volume: kplus.Volume.fromHostPath(chart, 'varlog', 'varlog', { path: '/var/log' }), readOnly: true }],
    },
  ],
});
daemon.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('node-role.kubernetes.io/control-plane', { effect: kplus.TaintEffect.NO_SCHEDULE })));
app.synth();
