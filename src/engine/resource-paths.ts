import { KccError } from '../core/errors.js';
import type { KubeObject } from '../core/kube-object.js';
import { findResource, type ApiResource } from '../schema/api-resources.js';
import type { KubeClient } from './kube-client.js';

/**
 * Turns kinds into REST paths. Built-in kinds come from the pinned OpenAPI snapshot (no request);
 * anything else (custom resources) from the cluster's discovery of that group-version, asked once.
 */
export class ResourcePaths {
  private readonly discovered = new Map<string, Map<string, ApiResource>>();

  constructor(private readonly client: KubeClient) {}

  async resource(apiVersion: string, kind: string): Promise<ApiResource> {
    const known = findResource(apiVersion, kind);
    if (known) return known;
    const fromCluster = (await this.discover(apiVersion)).get(kind);
    if (!fromCluster) {
      throw new KccError(`the cluster does not serve ${kind} in ${apiVersion}`, {
        hint: 'is the CustomResourceDefinition installed (and established)? check the apiVersion',
        exitCode: 2,
      });
    }
    return fromCluster;
  }

  /** Forgets what discovery said, after CRDs were created. */
  refresh(): void {
    this.discovered.clear();
  }

  private async discover(apiVersion: string): Promise<Map<string, ApiResource>> {
    let table = this.discovered.get(apiVersion);
    if (table) return table;
    table = new Map();
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const response = await this.client.get<{ resources?: { name: string; kind: string; namespaced: boolean }[] }>(base, { accept: [404] });
    for (const r of response.body?.resources ?? []) {
      if (r.name.includes('/')) continue; // subresources
      table.set(r.kind, { apiVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced });
    }
    this.discovered.set(apiVersion, table);
    return table;
  }

  /** /apis/apps/v1/namespaces/web/deployments, or the cluster-wide collection when namespace is omitted. */
  async collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const resource = await this.resource(apiVersion, kind);
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${resource.plural}`;
  }

  async objectPath(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): Promise<string> {
    const collection = await this.collectionPath(object.apiVersion, object.kind, object.metadata.namespace);
    return `${collection}/${encodeURIComponent(object.metadata.name ?? '')}`;
  }

  async isNamespaced(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion, kind)).namespaced;
  }
}
