import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKubeconfig } from './shared-cluster.js';

// `kcc import --from-cluster` reads the CRDs the cluster serves (one list request, read-only).
// The CRD has a group of its own: other tests share the cluster.

const CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'backups.import-test.kcc.dev' },
  spec: {
    group: 'import-test.kcc.dev',
    scope: 'Namespaced',
    names: { kind: 'Backup', plural: 'backups', singular: 'backup', listKind: 'BackupList' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['schedule'], properties: { schedule: { type: 'string' }, keep: { type: 'integer', minimum: 1 } } } } } },
      },
    ],
  },
};

describe('kcc import --from-cluster', () => {
  afterAll(async () => {
    await kubectl(['delete', 'crd', CRD.metadata.name, '--ignore-not-found', '--wait=false']);
  });

  it("imports the cluster's CRDs as typed classes and schemas", async () => {
    await kubectl(['apply', '-f', '-'], { input: JSON.stringify(CRD) });
    const out = join(mkdtempSync(join(tmpdir(), 'kcc-import-cluster-')), 'imports');
    const result = await runKcc(['import', '--from-cluster', '--kubeconfig', testKubeconfig(), '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("listing the cluster's CustomResourceDefinitions");
    expect(result.stdout).toMatch(/import-test\.kcc\.dev-v1\.ts\s+import-test\.kcc\.dev\/v1: Backup/);
    const module = readFileSync(join(out, 'import-test.kcc.dev-v1.ts'), 'utf8');
    expect(module).toContain('export class Backup extends ApiObject {');
    expect(module).toMatch(/export interface BackupSpec \{[\s\S]*?keep\?: number;[\s\S]*?schedule: string;/);
    const index = JSON.parse(readFileSync(join(out, 'schemas', 'index.json'), 'utf8'));
    expect(index.kinds['import-test.kcc.dev/v1/Backup']).toEqual({ file: 'backup-import-test.kcc.dev-v1.json', namespaced: true, plural: 'backups', crd: 'backups.import-test.kcc.dev' });
  });
});
