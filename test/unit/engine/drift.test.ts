import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { findDrift, quantityValue } from '../../../src/engine/drift.js';

const pod = (resources: object, extra: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'p' } },
  spec: { containers: [{ name: 'c', image: 'nginx', resources, ...extra }] },
});

describe('findDrift', () => {
  it('accepts quantities the server rewrote to canonical form', () => {
    expect(findDrift(pod({ limits: { cpu: '0.5', memory: '1024Mi' } }), pod({ limits: { cpu: '500m', memory: '1Gi' } }))).toEqual([]);
    expect(findDrift(pod({ limits: { cpu: 1 } }), pod({ limits: { cpu: '1' } }))).toEqual([]);
    expect(findDrift(pod({ limits: { cpu: '1' } }), pod({ limits: { cpu: '2' } }))).toEqual(['spec.containers[0].resources.limits.cpu']);
  });

  it('does not treat "1.0" and "1" as equal outside quantity fields', () => {
    const cm = (value: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { v: value } });
    expect(findDrift(cm('1.0'), cm('1'))).toEqual(['data.v']);
  });

  it('compares Secret stringData with the base64 data the server stores', () => {
    const desired: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { pin: 1234 as unknown as string, user: 'me' } };
    const stored = (user: string): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, type: 'Opaque', data: { pin: Buffer.from('1234').toString('base64'), user: Buffer.from(user).toString('base64') } });
    expect(findDrift(desired, stored('me'))).toEqual([]);
    expect(findDrift(desired, stored('you'))).toEqual(['data.user']);
  });

  it('ignores empty maps, lists and nulls the server drops, but not a removed label or list item', () => {
    expect(findDrift(pod({}, { env: [], securityContext: null }), pod({}))).toEqual([]);
    const unlabelled = pod({});
    unlabelled.metadata.labels = {};
    expect(findDrift(pod({}), unlabelled)).toEqual(['metadata.labels.app']);
    const twoContainers = pod({});
    (twoContainers.spec as any).containers.push({ name: 'd', image: 'x' });
    expect(findDrift(twoContainers, pod({}))).toEqual(['spec.containers']);
  });

  it('reads Kubernetes quantities', () => {
    expect(quantityValue('1Gi')).toBe(2 ** 30);
    expect(quantityValue('250m')).toBe(0.25);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('web')).toBeUndefined();
  });
});
