// cdk8s-plus: NetworkPolicies from pods, namespaces and IP blocks, with ports; pod connections.
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'net', { namespace: 'shop' });
const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'nginx:1.27', portNumber: 80 }] });
const api = new kplus.Deployment(chart, 'api', { containers: [{ image: 'example.com/api:1', portNumber: 8080 }] });
const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'postgres:16', portNumber: 5432 }] });

api.connections.allowFrom(web, { ports: [kplus.NetworkPolicyPort.tcp(8080)] });
api.connections.allowTo(db, { ports: [kplus.NetworkPolicyPort.tcp(5432)] });

const policy = new kplus.NetworkPolicy(chart, 'deny-all-but-dns', {
  selector: kplus.Pods.all(chart, 'all-pods'),
  egress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
  ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY },
});
policy.addEgressRule(kplus.NetworkPolicyIpBlock.ipv4(chart, 'dns', '10.0.0.10/32'), [kplus.NetworkPolicyPort.udp(53), kplus.NetworkPolicyPort.tcp(53)]);
policy.addIngressRule(kplus.Namespaces.select(chart, 'monitoring', { names: ['monitoring'] }), [kplus.NetworkPolicyPort.tcpRange(9000, 9100)]);
app.synth();
