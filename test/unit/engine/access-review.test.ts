import { describe, expect, it } from 'vitest';
import { parseResource } from '../../../src/engine/access-review.js';

describe('parseResource', () => {
  it('splits resource, group and subresource as kubectl writes them', () => {
    expect(parseResource('pods')).toEqual({ resource: 'pods', group: '' });
    expect(parseResource('deployments.apps')).toEqual({ resource: 'deployments', group: 'apps' });
    expect(parseResource('deployments.apps/scale')).toEqual({ resource: 'deployments', group: 'apps', subresource: 'scale' });
    expect(parseResource('ingresses.networking.k8s.io')).toEqual({ resource: 'ingresses', group: 'networking.k8s.io' });
  });

  it('rejects an empty resource with a hint', () => {
    expect(() => parseResource('/log')).toThrow(/is not a resource/);
  });
});
