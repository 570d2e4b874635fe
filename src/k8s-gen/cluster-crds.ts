import type { KubeClient } from '../engine/kube-client.js';
import type { KubeObject } from '../core/kube-object.js';
import type { CrdInput } from './generate-imports.js';

const CRD_LIST_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

/** Every CRD a cluster serves (read-only: one list request), sorted by name for deterministic output. */
export async function listClusterCrds(client: KubeClient): Promise<CrdInput[]> {
  const response = await client.request<{ items?: KubeObject[] }>('GET', CRD_LIST_PATH);
  const items = response.body?.items ?? [];
  return items
    .map((object) => ({ ...object, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }))
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))
    .map((object) => ({ object, location: { kind: 'yaml' as const, file: `cluster: customresourcedefinitions/${object.metadata?.name}` } }));
}
