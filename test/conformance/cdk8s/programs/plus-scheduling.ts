// cdk8s-plus: pod scheduling (node selection, co-location and separation), init containers,
// sidecars, pod security context and DNS settings.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'sched');
const cache = new kplus.Deployment(chart, 'cache', { containers: [{ image: 'redis:7', portNumber: 6379 }] });
const web = new kplus.Deployment(chart, 'web', {
  replicas: 2,
  initContainers: [{ image: 'busybox:1.36', command: ['sh', '-c', 'echo init'] }],
  containers: [{ image: 'nginx:1.27', portNumber: 80 }],
  securityContext: { fsGroup: 2000, ensureNonRoot: true },
  dns: { nameservers: ['1.1.1.1'], searches: ['svc.cluster.local'], policy: kplus.DnsPolicy.NONE },
  hostAliases: [{ ip: '10.0.0.1', hostnames: ['internal.example.com'] }],
});
web.addContainer({ name: 'sidecar', image: 'envoyproxy/envoy:v1.31', portNumber: 9901 });
web.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('disktype', 'ssd')));
web.scheduling.colocate(cache);
web.scheduling.spread({ topology: kplus.Topology.HOSTNAME });
app.synth();
