import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../src/schema/edit-distance.js';
import { findRemovedApi, supersedingVersion, versionPriority } from '../../../src/schema/api-lifecycle.js';

describe('editDistance and closestMatch', () => {
  it('counts edits, a swap of neighbours as one, ignoring case', () => {
    expect(editDistance('replicas', 'replica')).toBe(1);
    expect(editDistance('contianerPort', 'containerPort')).toBe(1);
    expect(editDistance('ContainerPort', 'containerport')).toBe(0);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('only suggests close candidates', () => {
    expect(closestMatch('imagePullPolicy', ['image', 'imagePullPolicy', 'name'])).toBe('imagePullPolicy');
    expect(closestMatch('serviceName', ['service', 'resource'])).toBeUndefined();
  });
});

describe('API lifecycle', () => {
  it('knows removed versions and their replacements', () => {
    expect(findRemovedApi('extensions/v1beta1', 'Ingress')?.replacement).toBe('networking.k8s.io/v1');
    expect(findRemovedApi('apps/v1beta1', 'Deployment')?.replacement).toBe('apps/v1');
    // networking.k8s.io/v1beta1 is still served for other kinds.
    expect(findRemovedApi('networking.k8s.io/v1beta1', 'IPAddress')).toBeUndefined();
  });

  it('orders versions as Kubernetes does and finds the superseding one', () => {
    const sorted = ['v1alpha1', 'v2', 'v1beta2', 'v1', 'v1beta1'].sort((a, b) => versionPriority(b) - versionPriority(a));
    expect(sorted).toEqual(['v2', 'v1', 'v1beta2', 'v1beta1', 'v1alpha1']);
    const served = [
      { group: 'resource.k8s.io', version: 'v1', kind: 'ResourceClaim' },
      { group: 'resource.k8s.io', version: 'v1beta1', kind: 'ResourceClaim' },
    ];
    expect(supersedingVersion('resource.k8s.io', 'v1beta1', 'ResourceClaim', served)).toBe('resource.k8s.io/v1');
    expect(supersedingVersion('resource.k8s.io', 'v1', 'ResourceClaim', served)).toBeUndefined();
  });
});
