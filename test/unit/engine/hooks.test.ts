import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { ApiObject, App, Chart, hook, KccError, type KubeObject } from '../../../src/core/index.js';
import { hooksChanged, hooksOfPhase, splitHooks } from '../../../src/engine/hooks.js';

function object(kind: string, name: string, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: kind === 'Job' ? 'batch/v1' : 'v1', kind, metadata: { name, ...(annotations ? { annotations } : {}) } };
}

describe('splitHooks', () => {
  it('separates objects annotated helm.sh/hook from the ordinary ones, with phases, weight and delete policies', () => {
    const { objects, hooks, warnings } = splitHooks([
      object('ConfigMap', 'settings'),
      object('Job', 'migrate', { 'helm.sh/hook': 'pre-install, Pre-Upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'hook-succeeded,hook-failed' }),
      object('Pod', 'smoke', { 'helm.sh/hook': 'test-success' }),
    ]);
    expect(objects.map((o) => o.metadata.name)).toEqual(['settings']);
    expect(warnings).toEqual([]);
    expect(hooks.map(({ id, phases, weight, deletePolicies }) => ({ id, phases, weight, deletePolicies }))).toEqual([
      { id: 'Job/migrate', phases: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicies: ['hook-succeeded', 'hook-failed'] },
      // Helm 2's test-success is Helm 3's test; no policy means before-hook-creation.
      { id: 'Pod/smoke', phases: ['test'], weight: 0, deletePolicies: ['before-hook-creation'] },
    ]);
  });

  it('leaves out (as Helm does) and reports an object naming an unknown phase; a bad weight counts as 0 with a warning', () => {
    const { objects, hooks, warnings } = splitHooks([
      object('CustomResourceDefinition', 'widgets.example.com', { 'helm.sh/hook': 'crd-install' }),
      object('Job', 'migrate', { 'helm.sh/hook': 'pre-install', 'helm.sh/hook-weight': 'first', 'helm.sh/hook-delete-policy': 'always' }),
    ]);
    expect(objects).toEqual([]);
    expect(hooks.map((h) => [h.id, h.weight, h.deletePolicies])).toEqual([['Job/migrate', 0, ['before-hook-creation']]]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/CustomResourceDefinition\/widgets\.example\.com: skipped: helm\.sh\/hook "crd-install" names no phase kcc knows \(crd-install\)/);
    expect(warnings[1]).toMatch(/Job\/migrate: helm\.sh\/hook-weight "first" is not an integer; weight 0 is used/);
    expect(warnings[2]).toMatch(/Job\/migrate: helm\.sh\/hook-delete-policy "always" is not a delete policy/);
  });
});

describe('hooksOfPhase', () => {
  it('orders a phase as Helm does: weight, then name, then kind install order', () => {
    const annotated = (kind: string, name: string, weight?: number) => object(kind, name, { 'helm.sh/hook': 'pre-upgrade', ...(weight === undefined ? {} : { 'helm.sh/hook-weight': String(weight) }) });
    const { hooks } = splitHooks([
      annotated('Job', 'b'),
      annotated('Job', 'a', 10),
      annotated('Job', 'c', -1),
      annotated('Job', 'a'),
      annotated('ConfigMap', 'a'),
      object('Job', 'other', { 'helm.sh/hook': 'post-upgrade', 'helm.sh/hook-weight': '-100' }),
    ]);
    expect(hooksOfPhase(hooks, 'pre-upgrade').map((h) => `${h.id}@${h.weight}`)).toEqual(['Job/c@-1', 'ConfigMap/a@0', 'Job/a@0', 'Job/b@0', 'Job/a@10']);
    expect(hooksOfPhase(hooks, 'post-upgrade').map((h) => h.id)).toEqual(['Job/other']);
    expect(hooksOfPhase(hooks, 'pre-install')).toEqual([]);
  });
});

describe('hooksChanged', () => {
  it('is true when a hook was added, removed or edited since the recorded revision, false otherwise', () => {
    const migrate = (image: string) => ({ ...object('Job', 'migrate', { 'helm.sh/hook': 'pre-upgrade' }), spec: { image } });
    const before = splitHooks([migrate('app:1')]).hooks.map((h) => ({ hash: h.hash }));
    expect(hooksChanged(splitHooks([migrate('app:1')]).hooks, before)).toBe(false);
    expect(hooksChanged(splitHooks([migrate('app:2')]).hooks, before)).toBe(true);
    expect(hooksChanged([], before)).toBe(true);
    expect(hooksChanged(splitHooks([migrate('app:1')]).hooks, undefined)).toBe(true);
    expect(hooksChanged([], undefined)).toBe(false);
  });
});

describe('hook()', () => {
  it('annotates a construct so the engine reads it back as the same hook', async () => {
    const app = new App();
    const chart = new Chart(app, 'db');
    hook(new ApiObject(chart, 'migrate', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: {} }), { phases: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicy: ['before-hook-creation', 'hook-succeeded'] });
    // A higher-level construct: its defaultChild carries the annotations.
    const wrapper = new Construct(chart, 'smoke');
    new ApiObject(wrapper, 'Default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'smoke' }, spec: {} });
    hook(wrapper, { phases: 'test' });
    const { charts } = await app.synth();
    const objects = charts[0]!.objects.map((t) => t.object);
    expect(objects.find((o) => o.kind === 'Job')!.metadata.annotations).toEqual({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    const { hooks } = splitHooks(objects);
    expect(hooks.sort((a, b) => a.id.localeCompare(b.id)).map(({ id, phases, weight, deletePolicies }) => ({ id, phases, weight, deletePolicies }))).toEqual([
      { id: 'Job/migrate', phases: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicies: ['before-hook-creation', 'hook-succeeded'] },
      { id: 'Pod/smoke', phases: ['test'], weight: 0, deletePolicies: ['before-hook-creation'] },
    ]);
  });

  it('annotates a plain manifest object, keeping its other annotations', () => {
    const job = object('Job', 'backup', { team: 'data' });
    expect(hook(job, { phases: 'pre-delete' })).toBe(job);
    expect(job.metadata.annotations).toEqual({ team: 'data', 'helm.sh/hook': 'pre-delete' });
  });

  it('refuses unknown phases, delete policies and fractional weights, naming the valid ones', () => {
    const job = object('Job', 'x');
    expect(() => hook(job, { phases: 'pre-instal' as never })).toThrow(KccError);
    expect(() => hook(job, { phases: 'pre-instal' as never })).toThrow(/unknown phase "pre-instal"/);
    expect(() => hook(job, { phases: [] })).toThrow(/at least one phase/);
    expect(() => hook(job, { phases: 'test', deletePolicy: 'always' as never })).toThrow(/unknown delete policy "always"/);
    expect(() => hook(job, { phases: 'test', weight: 1.5 })).toThrow(/weight must be an integer/);
    expect(job.metadata.annotations).toBeUndefined();
  });
});
