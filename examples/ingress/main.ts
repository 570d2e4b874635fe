// Ingress with TLS and fan-out (two paths to two services), a host rule with rewrite-target,
// the IngressClass, and the TLS Secret built from files like `kubectl create secret tls`.
import { App, Chart, Secret } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'ingress');

new k8s.IngressClass(chart, 'class', { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } });

// A self-signed example certificate for kubia.example.com (never use its key for anything real).
const tls = Secret.tls(chart, 'tls', { certFile: 'tls.crt', keyFile: 'tls.key' }, { name: 'kubia-tls' });

const backend = (name: string, port: number): k8s.networkingV1.IngressBackend => ({ service: { name, port: { number: port } } });

new k8s.Ingress(chart, 'fanout', {
  metadata: { name: 'kubia', annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: ['kubia.example.com'], secretName: tls.name }],
    defaultBackend: backend('kubia', 80),
    rules: [
      {
        host: 'kubia.example.com',
        http: {
          paths: [
            { path: '/kubia', pathType: 'Prefix', backend: backend('kubia', 80) },
            { path: '/bar', pathType: 'Prefix', backend: backend('bar', 80) },
          ],
        },
      },
      { host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: backend('foo', 80) }] } },
    ],
  },
});
