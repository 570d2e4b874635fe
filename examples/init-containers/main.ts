// Init containers: the app starts only after its dependencies resolve in DNS.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'init-containers');
const wait = (service: string): k8s.coreV1.Container => ({
  name: `init-${service}`,
  image: 'busybox:1.28',
  command: ['sh', '-c', `until nslookup ${service}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${service}; sleep 2; done`],
});

new k8s.Pod(chart, 'myapp', {
  metadata: { name: 'myapp-pod', labels: { 'app.kubernetes.io/name': 'MyApp' } },
  spec: {
    containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
    initContainers: [wait('myservice'), wait('mydb')],
  },
});
