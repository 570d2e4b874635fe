import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applySetId, applySetParent, APPLYSET_GROUP_KINDS_ANNOTATION, APPLYSET_ID_LABEL } from '../../../src/engine/apply-set.js';
import { forEachBounded } from '../../../src/engine/bounded-parallel.js';

describe('ApplySet', () => {
  it('derives the id as KEP-3659 defines it', () => {
    const expected = createHash('sha256').update('kcc-applyset-web.shop.Secret.').digest('base64url');
    expect(applySetId('kcc-applyset-web', 'shop')).toBe(`applyset-${expected}-v1`);
  });

  it('parent lists sorted group-kinds and other namespaces', () => {
    const parent = applySetParent('web', 'shop', ['Service', 'Deployment.apps', 'Service'], ['shop', 'other']) as any;
    expect(parent.metadata.labels[APPLYSET_ID_LABEL]).toBe(applySetId('kcc-applyset-web', 'shop'));
    expect(parent.metadata.annotations[APPLYSET_GROUP_KINDS_ANNOTATION]).toBe('Deployment.apps,Service');
    expect(parent.metadata.annotations['applyset.kubernetes.io/additional-namespaces']).toBe('other');
  });
});

describe('forEachBounded', () => {
  it('keeps at most `limit` in flight and stops starting work after a failure', async () => {
    let inFlight = 0;
    let peak = 0;
    const started: number[] = [];
    await expect(
      forEachBounded([1, 2, 3, 4, 5, 6, 7, 8], 3, async (n) => {
        started.push(n);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        if (n === 2) throw new Error('rejected');
      }),
    ).rejects.toThrow('rejected');
    expect(peak).toBe(3);
    expect(started.length).toBeLessThan(8);
  });
});
