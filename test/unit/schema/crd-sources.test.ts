import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrackedObject } from '../../../src/core/kube-object.js';
import { bundledCustomKind } from '../../../src/schema/bundled-crds.js';
import { readClusterCrds, readCrdFiles } from '../../../src/schema/crd-sources.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

const CRD = widgetCrd();

function tracked(object: Record<string, unknown>): TrackedObject {
  return { object: object as TrackedObject['object'], source: { kind: 'yaml', file: 'in.yaml', line: 1 }, touchedBy: [] };
}

const widget = (spec: unknown): TrackedObject => tracked({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

describe('CRDs from outside the input', () => {
  it('--crds: custom resources are validated against the CRDs of a directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-crds-'));
    writeFileSync(join(dir, 'widget.yaml'), CRD);
    writeFileSync(join(dir, 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const { crds, issues } = await readCrdFiles([dir]);
    expect(crds.map((c) => c.metadata?.name)).toEqual(['widgets.example.com']);
    expect(issues).toEqual([]);
    const found = validateObjects([widget({ size: 'big' })], { crds });
    expect(found.map((i) => [i.severity, i.code, i.field])).toEqual([['error', 'wrong-type', 'spec.size']]);
    expect(validateObjects([widget({ size: 3 })], { crds })).toEqual([]);
    expect(validateObjects([widget({ size: 3 })]).map((i) => i.code)).toEqual(['unknown-kind']);
  });

  it('--crds names what is wrong when a directory holds no CRD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-crds-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    await expect(readCrdFiles([dir])).rejects.toThrow(/no CustomResourceDefinition/);
  });

  it('--from-cluster: one read-only LIST of the CRDs', async () => {
    const requests: string[] = [];
    const client = {
      get: async <T>(path: string) => {
        requests.push(path);
        const body = { items: [{ metadata: { name: 'widgets.example.com' }, spec: { group: 'example.com', names: { kind: 'Widget' }, versions: [{ name: 'v1', served: true }] } }] };
        return { status: 200, body: body as T };
      },
    };
    const { crds } = await readClusterCrds(client);
    expect(requests).toEqual(['/apis/apiextensions.k8s.io/v1/customresourcedefinitions']);
    expect(crds[0]).toMatchObject({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' });
    expect(validateObjects([widget({ anything: 1 })], { crds }).filter((i) => i.code === 'unknown-kind')).toEqual([]);
  });

  it('Gateway API and volume snapshot kinds are validated against the CRDs kcc ships', () => {
    for (const [apiVersion, kind] of [
      ['gateway.networking.k8s.io/v1', 'GatewayClass'],
      ['gateway.networking.k8s.io/v1', 'Gateway'],
      ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
      ['gateway.networking.k8s.io/v1', 'GRPCRoute'],
      ['gateway.networking.k8s.io/v1beta1', 'ReferenceGrant'],
      ['snapshot.storage.k8s.io/v1', 'VolumeSnapshot'],
      ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotClass'],
      ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotContent'],
    ]) {
      expect(bundledCustomKind(apiVersion!, kind!), `${apiVersion}/${kind}`).toBeDefined();
    }
    const route = tracked({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'svc', port: 'eighty' }] }] } });
    expect(validateObjects([route]).map((i) => [i.code, i.field])).toEqual([['wrong-type', 'spec.rules[0].backendRefs[0].port']]);
    const snapshotClass = tracked({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass', metadata: { name: 'c' }, driver: 'd', deletionPolicy: 'Keep' });
    expect(validateObjects([snapshotClass]).map((i) => [i.code, i.field])).toEqual([['invalid-value', 'deletionPolicy']]);
  });
});
