// PersistentVolume, PersistentVolumeClaim and StorageClass: static and dynamic provisioning.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'storage');

new k8s.StorageClass(chart, 'fast', {
  metadata: { name: 'fast' },
  provisioner: 'k8s.io/minikube-hostpath',
  parameters: { type: 'pd-ssd' },
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
  mountOptions: ['debug'],
});

new k8s.PersistentVolume(chart, 'mongodb-pv', {
  metadata: { name: 'mongodb-pv' },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    persistentVolumeReclaimPolicy: 'Retain',
    storageClassName: '',
    hostPath: { path: '/tmp/mongodb' },
  },
});

new k8s.PersistentVolume(chart, 'nfs-pv', {
  metadata: { name: 'nfs-pv' },
  spec: {
    capacity: { storage: '5Gi' },
    accessModes: ['ReadWriteMany'],
    persistentVolumeReclaimPolicy: 'Recycle',
    storageClassName: '',
    nfs: { server: 'nfs.example.com', path: '/exports/data' },
  },
});

// Binds to mongodb-pv (storageClassName "" means: no dynamic provisioning).
new k8s.PersistentVolumeClaim(chart, 'mongodb-pvc', {
  metadata: { name: 'mongodb-pvc' },
  spec: { resources: { requests: { storage: '1Gi' } }, accessModes: ['ReadWriteOnce'], storageClassName: '' },
});

// Dynamically provisioned by the "fast" class.
new k8s.PersistentVolumeClaim(chart, 'fast-pvc', {
  metadata: { name: 'mongodb-pvc-fast' },
  spec: { storageClassName: 'fast', resources: { requests: { storage: '100Mi' } }, accessModes: ['ReadWriteOnce'] },
});

new k8s.Pod(chart, 'mongodb', {
  metadata: { name: 'mongodb' },
  spec: {
    containers: [{ name: 'mongodb', image: 'mongo', ports: [{ containerPort: 27017, protocol: 'TCP' }], volumeMounts: [{ name: 'mongodb-data', mountPath: '/data/db' }] }],
    volumes: [{ name: 'mongodb-data', persistentVolumeClaim: { claimName: 'mongodb-pvc' } }],
  },
});
