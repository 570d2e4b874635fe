import { describe, expect, it } from 'vitest';
import { needsWaiting, podProblem, readinessOf } from '../../../src/engine/readiness-rules.js';

const deployment = (status: object, extra: object = {}) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation: 2 }, spec: { replicas: 3 }, status: { observedGeneration: 2, ...status }, ...extra });

describe('readiness rules', () => {
  it('Deployment: waits for the controller, the update, old replicas and availability', () => {
    expect(readinessOf(deployment({ observedGeneration: 1 })).message).toContain('observe the new spec');
    expect(readinessOf(deployment({ updatedReplicas: 1, replicas: 3 }))).toEqual({ state: 'progressing', message: '1 of 3 replicas updated' });
    expect(readinessOf(deployment({ updatedReplicas: 3, replicas: 4, availableReplicas: 3 })).message).toBe('1 old replicas pending termination');
    expect(readinessOf(deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toBe('2 of 3 updated replicas available');
    expect(readinessOf(deployment({ updatedReplicas: 3, replicas: 3, availableReplicas: 3 })).state).toBe('ready');
    const stuck = deployment({ conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }] });
    expect(readinessOf(stuck)).toMatchObject({ state: 'failed' });
  });

  it('Job: complete is ready, failed is failed', () => {
    const job = (conditions: object[]) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { completions: 2 }, status: { succeeded: 1, conditions } });
    expect(readinessOf(job([])).message).toBe('1 of 2 completions');
    expect(readinessOf(job([{ type: 'Complete', status: 'True' }])).state).toBe('ready');
    expect(readinessOf(job([{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }]))).toMatchObject({ state: 'failed', message: 'job failed: BackoffLimitExceeded' });
  });

  it('Pod: a crashing container fails at once, with its reason', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { phase: 'Running', containerStatuses: [{ name: 'app', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } } }] } };
    expect(podProblem(pod)).toBe('container app: CrashLoopBackOff (back-off)');
    expect(readinessOf(pod).state).toBe('failed');
    expect(podProblem({ status: { phase: 'Pending', containerStatuses: [{ name: 'a', state: { waiting: { reason: 'ContainerCreating' } } }] } })).toBeUndefined();
  });

  it('PVC, CRD, Namespace, Service and any other kind by its conditions', () => {
    expect(readinessOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, status: { phase: 'Pending' } }).state).toBe('progressing');
    expect(readinessOf({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: {}, status: { phase: 'Bound' } }).state).toBe('ready');
    expect(readinessOf({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: {}, status: { conditions: [{ type: 'Established', status: 'True' }] } }).state).toBe('ready');
    expect(readinessOf({ apiVersion: 'v1', kind: 'Namespace', metadata: {}, status: { phase: 'Terminating' } }).state).toBe('progressing');
    expect(readinessOf({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'LoadBalancer' }, status: {} }).state).toBe('progressing');
    expect(readinessOf({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { type: 'ClusterIP' } }).state).toBe('ready');
    expect(readinessOf({ apiVersion: 'example.com/v1', kind: 'Database', metadata: {}, status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Provisioning' }] } })).toEqual({ state: 'progressing', message: 'Ready=False (Provisioning)' });
    expect(readinessOf({ apiVersion: 'example.com/v1', kind: 'Database', metadata: {} }).state).toBe('ready');
  });

  it('does not wait for kinds without status', () => {
    expect(needsWaiting('ConfigMap')).toBe(false);
    expect(needsWaiting('Deployment')).toBe(true);
  });
});
