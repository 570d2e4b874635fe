// Service accounts: a custom account, token automount switched off, a private registry's pull secret.
import { App, Chart, Secret } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'service-accounts');

// kubectl create secret docker-registry regcred --docker-server=... --docker-username=... --docker-password=...
const registry = Secret.dockerRegistry(chart, 'regcred', { server: 'registry.example.com', username: 'builder', password: 'not-a-real-password', email: 'builder@example.com' }, { name: 'regcred' });

const account = new k8s.ServiceAccount(chart, 'build-robot', {
  metadata: { name: 'build-robot' },
  automountServiceAccountToken: false,
  imagePullSecrets: [{ name: registry.name }],
});

new k8s.Pod(chart, 'pod', {
  metadata: { name: 'private-image' },
  spec: {
    serviceAccountName: account.name,
    automountServiceAccountToken: false,
    imagePullSecrets: [{ name: registry.name }],
    containers: [{ name: 'app', image: 'registry.example.com/team/app:1.0' }],
  },
});
