// Pod volumes: emptyDir (also in memory), hostPath, nfs, configMap, secret, persistentVolumeClaim.
import { App, Chart, ConfigMap, Secret } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'volumes');

const config = ConfigMap.fromLiterals(chart, 'config', { 'nginx.conf': 'server { listen 80; }\n' }, { name: 'nginx-config' });
const certs = Secret.fromLiterals(chart, 'certs', { 'ca.pem': 'not a real certificate' }, { name: 'nginx-certs' });
new k8s.PersistentVolumeClaim(chart, 'claim', {
  metadata: { name: 'web-data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
});

new k8s.Pod(chart, 'pod', {
  metadata: { name: 'volumes-demo' },
  spec: {
    containers: [
      {
        name: 'web',
        image: 'nginx:alpine',
        volumeMounts: [
          { name: 'cache', mountPath: '/cache' },
          { name: 'scratch', mountPath: '/scratch' },
          { name: 'logs', mountPath: '/var/log/host', readOnly: true },
          { name: 'shared', mountPath: '/shared' },
          { name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true },
          { name: 'certs', mountPath: '/etc/certs', readOnly: true },
          { name: 'data', mountPath: '/usr/share/nginx/html' },
        ],
      },
    ],
    volumes: [
      { name: 'cache', emptyDir: {} },
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'logs', hostPath: { path: '/var/log', type: 'Directory' } },
      { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports/shared' } },
      { name: 'config', configMap: { name: config.name, items: [{ key: 'nginx.conf', path: 'default.conf' }] } },
      { name: 'certs', secret: { secretName: certs.name, defaultMode: 0o400 } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
    ],
  },
});
