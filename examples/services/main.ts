// A Service of each type in front of the kubia pods: ClusterIP, NodePort, LoadBalancer,
// headless, ExternalName. Also the declarative `kubectl create deployment` + `kubectl expose`.
import { App, Chart, WebService } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'services');
const selector = { app: 'kubia' };

new k8s.Service(chart, 'cluster-ip', { metadata: { name: 'kubia' }, spec: { selector, ports: [{ port: 80, targetPort: 8080 }] } });

new k8s.Service(chart, 'node-port', {
  metadata: { name: 'kubia-nodeport' },
  spec: { type: 'NodePort', selector, ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }] },
});

new k8s.Service(chart, 'load-balancer', {
  metadata: { name: 'kubia-loadbalancer' },
  spec: { type: 'LoadBalancer', selector, ports: [{ port: 80, targetPort: 8080 }] },
});

new k8s.Service(chart, 'headless', { metadata: { name: 'kubia-headless' }, spec: { clusterIP: 'None', selector, ports: [{ port: 80, targetPort: 8080 }] } });

new k8s.Service(chart, 'external', { metadata: { name: 'external-service' }, spec: { type: 'ExternalName', externalName: 'api.somecompany.com' } });

// kubectl create deployment kubia --image=luksa/kubia --replicas=3
// kubectl expose deployment kubia --type=NodePort --port=8080
const web = new WebService(chart, 'web', { name: 'kubia-web', image: 'luksa/kubia', port: 8080, replicas: 3 });
web.expose({ type: 'NodePort', port: 8080 });
