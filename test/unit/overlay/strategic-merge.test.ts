import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { SchemaRegistry } from '../../../src/overlay/merge-schema.js';
import { DELETE, strategicMerge } from '../../../src/overlay/strategic-merge.js';

const schemas = new SchemaRegistry();

function deployment(podSpec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: podSpec } } };
}

/** Merges a pod-spec patch into a pod spec of a Deployment, using the snapshot's schema. */
function mergePod(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = strategicMerge(deployment(target), deployment(patch), schemas.forObject(deployment({})));
  if (merged === DELETE) throw new Error('deleted');
  return ((merged as KubeObject).spec as { template: { spec: Record<string, unknown> } }).template.spec;
}

const app = { name: 'app', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], volumeMounts: [{ name: 'config', mountPath: '/etc/app' }] };
const sidecar = { name: 'sidecar', image: 'busybox' };

describe('strategic merge: containers (merge key name)', () => {
  it('merges a container by name and keeps the others', () => {
    const spec = mergePod({ containers: [app, sidecar] }, { containers: [{ name: 'sidecar', image: 'busybox:2' }] });
    expect(spec.containers).toEqual([{ name: 'sidecar', image: 'busybox:2' }, app]);
  });
  it('adds a new container before the untouched ones (kustomize order: patch elements first)', () => {
    const spec = mergePod({ containers: [app] }, { containers: [{ name: 'new', image: 'x' }] });
    expect((spec.containers as { name: string }[]).map((c) => c.name)).toEqual(['new', 'app']);
  });
  it('$patch: delete removes a container', () => {
    const spec = mergePod({ containers: [app, sidecar] }, { containers: [{ name: 'sidecar', $patch: 'delete' }] });
    expect(spec.containers).toEqual([app]);
  });
  it('$patch: replace replaces the list', () => {
    const spec = mergePod({ containers: [app, sidecar] }, { containers: [{ $patch: 'replace' }, { name: 'only', image: 'y' }] });
    expect(spec.containers).toEqual([{ name: 'only', image: 'y' }]);
  });
  it('$patch: replace on a container map replaces that container', () => {
    const spec = mergePod({ containers: [app] }, { containers: [{ name: 'app', image: 'z', $patch: 'replace' }] });
    expect(spec.containers).toEqual([{ name: 'app', image: 'z' }]);
  });
  it('null deletes a field of a container', () => {
    const spec = mergePod({ containers: [app] }, { containers: [{ name: 'app', ports: null }] });
    expect((spec.containers as Record<string, unknown>[])[0]).not.toHaveProperty('ports');
  });
  it('$setElementOrder reorders containers', () => {
    const spec = mergePod({ containers: [app, sidecar] }, { '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ name: 'sidecar', image: 's2' }] });
    expect((spec.containers as { name: string }[]).map((c) => c.name)).toEqual(['app', 'sidecar']);
  });
});

describe('strategic merge: ports (keys containerPort, protocol)', () => {
  const withPorts = (ports: unknown[]): Record<string, unknown> => ({ containers: [{ name: 'app', ports }] });
  const portsOf = (spec: Record<string, unknown>): unknown => (spec.containers as { ports: unknown }[])[0]!.ports;
  it('merges by containerPort; a port without protocol matches any protocol', () => {
    const spec = mergePod(withPorts([{ containerPort: 80, protocol: 'TCP' }]), withPorts([{ containerPort: 80, name: 'http' }]));
    expect(portsOf(spec)).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }]);
  });
  it('keeps ports that differ by protocol apart', () => {
    const spec = mergePod(withPorts([{ containerPort: 53, protocol: 'TCP' }]), withPorts([{ containerPort: 53, protocol: 'UDP' }]));
    expect(portsOf(spec)).toEqual([{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }]);
  });
  it('$patch: delete removes a port', () => {
    const spec = mergePod(withPorts([{ containerPort: 80 }, { containerPort: 443 }]), withPorts([{ containerPort: 80, $patch: 'delete' }]));
    expect(portsOf(spec)).toEqual([{ containerPort: 443 }]);
  });
  it('$patch: replace replaces the ports', () => {
    const spec = mergePod(withPorts([{ containerPort: 80 }, { containerPort: 443 }]), withPorts([{ $patch: 'replace' }, { containerPort: 8443 }]));
    expect(portsOf(spec)).toEqual([{ containerPort: 8443 }]);
  });
});

describe('strategic merge: env (merge key name)', () => {
  const withEnv = (env: unknown): Record<string, unknown> => ({ containers: [{ name: 'app', env }] });
  const envOf = (spec: Record<string, unknown>): unknown => (spec.containers as { env: unknown }[])[0]!.env;
  it('updates, adds and keeps variables', () => {
    expect(envOf(mergePod(withEnv(app.env), withEnv([{ name: 'B', value: 'two' }, { name: 'C', value: '3' }])))).toEqual([
      { name: 'B', value: 'two' },
      { name: 'C', value: '3' },
      { name: 'A', value: '1' },
    ]);
  });
  it('$patch: delete removes one variable', () => {
    expect(envOf(mergePod(withEnv(app.env), withEnv([{ name: 'A', $patch: 'delete' }])))).toEqual([{ name: 'B', value: '2' }]);
  });
  it('$patch: replace swaps the list', () => {
    expect(envOf(mergePod(withEnv(app.env), withEnv([{ $patch: 'replace' }, { name: 'Z', value: 'z' }])))).toEqual([{ name: 'Z', value: 'z' }]);
  });
  it('valueFrom replaces value only when value is nulled', () => {
    const merged = envOf(mergePod(withEnv([{ name: 'A', value: '1' }]), withEnv([{ name: 'A', value: null, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }])));
    expect(merged).toEqual([{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]);
  });
  it('null removes the whole env list', () => {
    expect(envOf(mergePod(withEnv(app.env), withEnv(null)))).toBeUndefined();
  });
});

describe('strategic merge: volumes (merge key name) and volumeMounts (merge key mountPath)', () => {
  it('merges volumes by name, with $retainKeys swapping the volume source', () => {
    const spec = mergePod(
      { volumes: [{ name: 'data', emptyDir: {} }, { name: 'config', configMap: { name: 'c' } }] },
      { volumes: [{ name: 'data', $retainKeys: ['name', 'persistentVolumeClaim'], persistentVolumeClaim: { claimName: 'pvc' } }] },
    );
    expect(spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'pvc' } }, { name: 'config', configMap: { name: 'c' } }]);
  });
  it('deletes and replaces volumes', () => {
    expect(mergePod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }] }, { volumes: [{ name: 'a', $patch: 'delete' }] }).volumes).toEqual([{ name: 'b', emptyDir: {} }]);
    expect(mergePod({ volumes: [{ name: 'a', emptyDir: {} }] }, { volumes: [{ $patch: 'replace' }, { name: 'c', emptyDir: {} }] }).volumes).toEqual([{ name: 'c', emptyDir: {} }]);
  });
  it('merges volumeMounts by mountPath, not by name', () => {
    const withMounts = (volumeMounts: unknown[]): Record<string, unknown> => ({ containers: [{ name: 'app', volumeMounts }] });
    const spec = mergePod(withMounts([{ name: 'config', mountPath: '/etc/a' }]), withMounts([{ name: 'config', mountPath: '/etc/b' }, { mountPath: '/etc/a', readOnly: true }]));
    expect((spec.containers as { volumeMounts: unknown }[])[0]!.volumeMounts).toEqual([
      { name: 'config', mountPath: '/etc/b' },
      { name: 'config', mountPath: '/etc/a', readOnly: true },
    ]);
    const deleted = mergePod(withMounts([{ name: 'x', mountPath: '/x' }, { name: 'y', mountPath: '/y' }]), withMounts([{ mountPath: '/x', $patch: 'delete' }]));
    expect((deleted.containers as { volumeMounts: unknown }[])[0]!.volumeMounts).toEqual([{ name: 'y', mountPath: '/y' }]);
  });
});

describe('strategic merge: tolerations (atomic)', () => {
  const base = { tolerations: [{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'Exists' }] };
  it('replaces the whole list', () => {
    expect(mergePod(base, { tolerations: [{ key: 'c', operator: 'Exists' }] }).tolerations).toEqual([{ key: 'c', operator: 'Exists' }]);
  });
  it('$patch: delete inside an atomic list is dropped, not matched', () => {
    expect(mergePod(base, { tolerations: [{ key: 'a', $patch: 'delete' }, { key: 'd' }] }).tolerations).toEqual([{ key: 'd' }]);
  });
  it('$patch: replace and null', () => {
    expect(mergePod(base, { tolerations: [{ $patch: 'replace' }, { key: 'e' }] }).tolerations).toEqual([{ key: 'e' }]);
    expect(mergePod(base, { tolerations: null })).not.toHaveProperty('tolerations');
  });
});

describe('strategic merge: maps and objects', () => {
  it('$patch: delete on the object removes it', () => {
    expect(strategicMerge(deployment({}), { ...deployment({}), $patch: 'delete' }, undefined)).toBe(DELETE);
  });
  it('$deleteFromPrimitiveList removes values from a scalar list', () => {
    const merged = strategicMerge({ metadata: { finalizers: ['a', 'b', 'c'] } }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } }, undefined);
    expect(merged).toEqual({ metadata: { finalizers: ['a', 'c'] } });
  });
  it('null-valued fields inside added maps are dropped', () => {
    expect(strategicMerge({ a: 1 }, { b: { c: null, d: 1 } }, undefined)).toEqual({ a: 1, b: { d: 1 } });
  });
  it('lists the schema does not describe are replaced (custom resources without a CRD)', () => {
    expect(strategicMerge({ spec: { parts: [{ name: 'a' }, { name: 'b' }] } }, { spec: { parts: [{ name: 'b', x: 1 }] } }, undefined)).toEqual({ spec: { parts: [{ name: 'b', x: 1 }] } });
  });
  it('CRD schemas with x-kubernetes-list-type: map merge by their keys', () => {
    const registry = new SchemaRegistry();
    registry.registerCrd({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget' },
        versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { parts: { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['id'], items: { type: 'object' } } } } } } } }],
      },
    });
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const merged = strategicMerge({ ...widget, spec: { parts: [{ id: 1, c: 'red' }, { id: 2, c: 'green' }] } }, { ...widget, spec: { parts: [{ id: 2, c: 'blue' }] } }, registry.forObject(widget));
    expect((merged as { spec: unknown }).spec).toEqual({ parts: [{ id: 2, c: 'blue' }, { id: 1, c: 'red' }] });
  });
});
