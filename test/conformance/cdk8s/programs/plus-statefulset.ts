// cdk8s-plus: a StatefulSet with its headless Service, and a PersistentVolumeClaim volume.
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';

const app = new App();
const chart = new Chart(app, 'db');
const claim = new kplus.PersistentVolumeClaim(chart, 'data', {
  storage: Size.gibibytes(20),
  accessModes: [kplus.PersistentVolumeAccessMode.READ_WRITE_ONCE],
  storageClassName: 'standard',
});
const statefulSet = new kplus.StatefulSet(chart, 'postgres', {
  replicas: 1,
  podManagementPolicy: kplus.PodManagementPolicy.PARALLEL,
  containers: [
    {
      image: 'postgres:16',
      portNumber: 5432,
      securityContext: { user: 999, group: 999, readOnlyRootFilesystem: false },
    },
  ],
});
// cdk8s-plus 2.5.92 writes a StatefulSet whose container mounts a PVC volume without the pod
// defining it (cdk8s writes that invalid manifest; kcc's validation rejects it): mount the claim
// in a Deployment instead.
const backup = new kplus.Deployment(chart, 'backup', { containers: [{ image: 'example.com/backup:1' }] });
backup.containers[0]!.mount('/data', kplus.Volume.fromPersistentVolumeClaim(chart, 'data-volume', claim));
statefulSet.metadata.addAnnotation('backup', 'daily');
app.synth();
