import { describe, expect, it } from 'vitest';
import {
  Deployment,
  LimitRange,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeSource,
  ResourceQuota,
  StorageClass,
} from '../../../src/plus/index.js';
import { only, synthValid } from './synth.js';

describe('kcc-plus storage and quotas', () => {
  it('PersistentVolume sources, a claim bound to it, and the claim mounted into a workload', async () => {
    const objects = await synthValid((chart) => {
      const pv = new PersistentVolume(chart, 'pv', {
        metadata: { name: 'task-pv-volume' },
        storage: '10Gi',
        accessModes: ['ReadWriteOnce'],
        reclaimPolicy: 'Retain',
        source: PersistentVolumeSource.hostPath('/mnt/data'),
      });
      new PersistentVolume(chart, 'nfs', {
        metadata: { name: 'nfs-pv' },
        storage: '1Ti',
        accessModes: ['ReadWriteMany'],
        source: PersistentVolumeSource.nfs('nfs.example.com', '/exports'),
        mountOptions: ['nfsvers=4.1'],
      });
      new PersistentVolume(chart, 'local', {
        metadata: { name: 'local-pv' },
        storage: '100Gi',
        source: PersistentVolumeSource.local('/mnt/disks/ssd1', 'node1'),
        storageClass: 'local-storage',
      });
      const claim = pv.claim(chart, 'claim', { metadata: { name: 'task-pv-claim' }, storage: '3Gi' });
      const web = new Deployment(chart, 'web', { metadata: { name: 'web' }, containers: [{ image: 'nginx' }] });
      web.mount('/usr/share/nginx/html', claim.toVolume());
    });
    const pvs = objects.filter((o) => o.kind === 'PersistentVolume');
    expect(pvs[0].spec).toEqual({
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      hostPath: { path: '/mnt/data' },
      persistentVolumeReclaimPolicy: 'Retain',
    });
    expect(pvs[0].metadata.namespace).toBeUndefined();
    expect(pvs[1].spec.nfs).toEqual({ server: 'nfs.example.com', path: '/exports' });
    expect(pvs[2].spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions).toEqual([
      { key: 'kubernetes.io/hostname', operator: 'In', values: ['node1'] },
    ]);
    expect(only(objects, 'PersistentVolumeClaim').spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      resources: { requests: { storage: '3Gi' } },
      storageClassName: '',
      volumeName: 'task-pv-volume',
    });
    const pod = only(objects, 'Deployment').spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'task-pv-claim', persistentVolumeClaim: { claimName: 'task-pv-claim' } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'task-pv-claim', mountPath: '/usr/share/nginx/html' }]);
  });

  it('StorageClass with parameters and default annotation; a claim provisioned from it', async () => {
    const objects = await synthValid((chart) => {
      const fast = new StorageClass(chart, 'fast', {
        metadata: { name: 'fast' },
        provisioner: 'kubernetes.io/no-provisioner',
        parameters: { type: 'pd-ssd' },
        reclaimPolicy: 'Retain',
        volumeBindingMode: 'WaitForFirstConsumer',
        mountOptions: ['debug'],
        allowVolumeExpansion: true,
        isDefault: true,
      });
      new PersistentVolumeClaim(chart, 'data', { metadata: { name: 'data' }, storage: '5Gi', storageClass: fast, accessModes: ['ReadWriteOncePod'] });
    });
    expect(only(objects, 'StorageClass')).toMatchObject({
      metadata: { name: 'fast', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubernetes.io/no-provisioner',
      parameters: { type: 'pd-ssd' },
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    });
    expect(only(objects, 'PersistentVolumeClaim').spec).toMatchObject({ storageClassName: 'fast', accessModes: ['ReadWriteOncePod'] });
    expect(objects.map((o) => o.kind)).toEqual(['StorageClass', 'PersistentVolumeClaim']);
  });

  it('ResourceQuota and LimitRange', async () => {
    const objects = await synthValid((chart) => {
      new ResourceQuota(chart, 'compute', {
        metadata: { name: 'compute-resources' },
        pods: 10,
        requests: { cpu: '1', memory: '1Gi', storage: '50Gi' },
        limits: { cpu: '2', memory: '2Gi' },
        objects: { configmaps: 10, persistentvolumeclaims: 4, 'services.nodeports': 0 },
        hard: { 'requests.nvidia.com/gpu': '4' },
      });
      new ResourceQuota(chart, 'best-effort', { metadata: { name: 'best-effort' }, pods: 5, scopes: ['BestEffort'] });
      new LimitRange(chart, 'limits', {
        metadata: { name: 'cpu-mem-limit-range' },
        container: { default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '500m', memory: '256Mi' }, max: { cpu: '2' } },
        pod: { max: { memory: '4Gi' } },
        persistentVolumeClaim: { min: '1Gi', max: '10Gi' },
      });
    });
    const [compute, bestEffort] = objects.filter((o) => o.kind === 'ResourceQuota');
    expect(compute.spec.hard).toEqual({
      pods: '10',
      'requests.cpu': '1',
      'requests.memory': '1Gi',
      'requests.storage': '50Gi',
      'limits.cpu': '2',
      'limits.memory': '2Gi',
      configmaps: '10',
      persistentvolumeclaims: '4',
      'services.nodeports': '0',
      'requests.nvidia.com/gpu': '4',
    });
    expect(bestEffort.spec).toEqual({ hard: { pods: '5' }, scopes: ['BestEffort'] });
    expect(only(objects, 'LimitRange').spec.limits).toEqual([
      { type: 'Container', default: { cpu: '1', memory: '512Mi' }, defaultRequest: { cpu: '500m', memory: '256Mi' }, max: { cpu: '2' } },
      { type: 'Pod', max: { memory: '4Gi' } },
      { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '10Gi' } },
    ]);
  });
});
