import { describe, expect, it } from 'vitest';
import { objectKey, type KubeObject } from '../../../src/core/kube-object.js';
import { findImmutableChanges } from '../../../src/engine/immutable-fields.js';
import { blockedByImmutableFields, planChanges } from '../../../src/engine/plan.js';
import { prepareObjects, MANIFEST_HASH_ANNOTATION } from '../../../src/engine/prepare-objects.js';
import type { ResourcePaths } from '../../../src/engine/resource-paths.js';
import { APPLYSET_PART_OF_LABEL, applySetId } from '../../../src/engine/apply-set.js';

const paths = { isNamespaced: async (_v: string, kind: string) => kind !== 'Namespace' && kind !== 'ClusterRole' } as unknown as ResourcePaths;
const id = applySetId('kcc-applyset-web', 'web');

const deployment = (image: string, selector: Record<string, string> = { app: 'web' }): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: selector }, template: { metadata: { labels: selector }, spec: { containers: [{ name: 'web', image }] } } },
});
const configMap = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: '1' } });

async function prepare(objects: KubeObject[]) {
  return prepareObjects(objects, { namespace: 'web', applySetId: id, paths });
}

describe('prepareObjects', () => {
  it('fills the namespace, labels members and stores a manifest hash', async () => {
    const [d, ns] = await prepare([deployment('nginx:1'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web', namespace: 'x' } }]);
    expect(d!.object.metadata.namespace).toBe('web');
    expect(d!.object.metadata.labels?.[APPLYSET_PART_OF_LABEL]).toBe(id);
    expect(d!.object.metadata.annotations?.[MANIFEST_HASH_ANNOTATION]).toBe(d!.hash);
    expect(ns!.object.metadata.namespace).toBeUndefined();
    expect((await prepare([deployment('nginx:1')]))[0]!.hash).toBe(d!.hash);
    expect((await prepare([deployment('nginx:2')]))[0]!.hash).not.toBe(d!.hash);
  });

  it('refuses an object defined twice', async () => {
    await expect(prepare([configMap('a'), configMap('a')])).rejects.toThrow('defined twice');
  });
});

describe('planChanges', () => {
  it('skips objects whose live hash matches, updates the rest, and prunes members no longer wanted in reverse install order', async () => {
    const [oldDeployment] = await prepare([deployment('nginx:1')]);
    const [keptConfig, , ] = await prepare([configMap('kept')]);
    const desired = await prepare([configMap('kept'), deployment('nginx:2'), configMap('new')]);
    const live = new Map<string, KubeObject>([
      [keptConfig!.key, keptConfig!.object],
      [oldDeployment!.key, oldDeployment!.object],
      ...[await prepare([configMap('gone')]), await prepare([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'gone' } }])].map(([p]) => [p!.key, p!.object] as [string, KubeObject]),
    ]);
    const plan = planChanges(desired, live);
    expect(plan.changes.map((c) => [c.desired.id, c.action])).toEqual([
      ['ConfigMap/web/kept', 'unchanged'],
      ['ConfigMap/web/new', 'create'],
      ['Deployment/web/web', 'update'],
    ]);
    expect(plan.prunes.map((o) => objectKey(o))).toEqual(['Service|web|gone', 'ConfigMap|web|gone']);
    expect(plan.groupKinds).toEqual(['ConfigMap', 'Deployment.apps']);
  });

  it('finds immutable changes before writing, unless replacing is allowed', async () => {
    const [live] = await prepare([deployment('nginx:1')]);
    const desired = await prepare([deployment('nginx:1', { app: 'web', tier: 'front' })]);
    const lives = new Map([[live!.key, live!.object]]);
    const plan = planChanges(desired, lives);
    expect(plan.changes[0]!.action).toBe('update');
    expect(blockedByImmutableFields(plan)).toEqual([expect.stringMatching(/^Deployment\/web\/web: spec.selector cannot change/)]);
    const forced = planChanges(desired, lives, { forceReplace: true });
    expect(forced.changes[0]!.action).toBe('replace');
    expect(blockedByImmutableFields(forced)).toEqual([]);
  });
});

describe('planChanges and drift', () => {
  it('sends an object whose manifest is unchanged when the live copy lost a field kcc sets', async () => {
    const [applied] = await prepare([deployment('nginx:1')]);
    const scaled = structuredClone(applied!.object) as any;
    scaled.spec.template.spec.containers[0].image = 'nginx:edited';
    scaled.spec.template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
    const desired = await prepare([deployment('nginx:1')]);
    const plan = planChanges(desired, new Map([[applied!.key, scaled]]));
    expect(plan.changes[0]).toMatchObject({ action: 'update', reason: 'drift', drift: ['spec.template.spec.containers[0].image'] });
  });

  it('leaves an object alone when the server only added defaults and other managers\' fields', async () => {
    const [applied] = await prepare([deployment('nginx:1')]);
    const defaulted = structuredClone(applied!.object) as any;
    defaulted.spec.replicas = 1;
    defaulted.metadata.annotations['deployment.kubernetes.io/revision'] = '1';
    defaulted.status = { readyReplicas: 1 };
    const plan = planChanges(await prepare([deployment('nginx:1')]), new Map([[applied!.key, defaulted]]));
    expect(plan.changes[0]!.action).toBe('unchanged');
    expect(planChanges(await prepare([deployment('nginx:1')]), new Map([[applied!.key, defaulted]]), { resync: true }).changes[0]).toMatchObject({ action: 'update', reason: 'resync' });
  });

  it('carries the adoption mark of a live object into what is sent', async () => {
    const [applied] = await prepare([configMap('a')]);
    const live = structuredClone(applied!.object) as any;
    live.metadata.annotations['kcc.dev/adopted'] = 'true';
    live.data.a = '2';
    const plan = planChanges(await prepare([configMap('a')]), new Map([[applied!.key, live]]));
    expect(plan.changes[0]!.desired.object.metadata.annotations?.['kcc.dev/adopted']).toBe('true');
  });
});

describe('findImmutableChanges', () => {
  it('ignores what the server added to a Job template, but not a real change', () => {
    const job = (image: string, labels: Record<string, string>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'a', image }] } } } });
    const live = job('busybox', { app: 'j', 'controller-uid': 'x', 'batch.kubernetes.io/job-name': 'j' });
    expect(findImmutableChanges(job('busybox', { app: 'j' }), live)).toEqual([]);
    expect(findImmutableChanges(job('alpine', { app: 'j' }), live).map((c) => c.field)).toEqual(['spec.template']);
  });

  it('treats a selector that lost a key as a change', () => {
    expect(findImmutableChanges(deployment('x', { app: 'web' }), deployment('x', { app: 'web', tier: 'front' })).map((c) => c.field)).toEqual(['spec.selector']);
  });
});
