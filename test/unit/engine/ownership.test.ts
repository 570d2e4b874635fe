import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { ADOPTED_ANNOTATION, keptOnDelete, ownerOf } from '../../../src/engine/ownership.js';
import { sameObject } from '../../../src/engine/preflight.js';

const ns = (labels: Record<string, string> = {}, annotations: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels, annotations } });

describe('ownerOf', () => {
  it('tells this release, another ApplySet, a Helm release and nobody apart', () => {
    expect(ownerOf(ns({ 'applyset.kubernetes.io/part-of': 'mine' }), 'mine')).toEqual({ kind: 'this-release' });
    expect(ownerOf(ns({ 'applyset.kubernetes.io/part-of': 'theirs' }), 'mine')).toMatchObject({ kind: 'applyset', id: 'theirs' });
    expect(ownerOf(ns({}, { 'meta.helm.sh/release-name': 'db', 'meta.helm.sh/release-namespace': 'data' }), 'mine')).toMatchObject({ kind: 'helm', description: 'Helm release db in namespace data' });
    expect(ownerOf(ns(), 'mine')).toEqual({ kind: 'none' });
  });
});

describe('keptOnDelete', () => {
  it('keeps adopted namespaces only', () => {
    expect(keptOnDelete(ns({}, { [ADOPTED_ANNOTATION]: 'true' }))).toBe(true);
    expect(keptOnDelete(ns())).toBe(false);
    expect(keptOnDelete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [ADOPTED_ANNOTATION]: 'true' } } })).toBe(false);
  });
});

describe('sameObject', () => {
  it('ignores the server\'s bookkeeping and status, not content', () => {
    const live = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', resourceVersion: '5', generation: 1, managedFields: [{ manager: 'kcc' }] }, data: { a: '1' } } as KubeObject;
    expect(sameObject({ ...live, metadata: { ...live.metadata, resourceVersion: '6', managedFields: [] } }, live)).toBe(true);
    expect(sameObject({ ...live, data: { a: '2' } }, live)).toBe(false);
  });
});
