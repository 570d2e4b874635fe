import { KccError } from '../core/errors.js';
import { objectKey, type KubeObject } from '../core/kube-object.js';
import { findResourceByKind } from '../schema/api-resources.js';
import { APPLYSET_PART_OF_LABEL } from './apply-set.js';
import type { KubeClient } from './kube-client.js';
import type { ResourcePaths } from './resource-paths.js';

/** "Deployment.apps" → { apiVersion: "apps/v1", kind: "Deployment" }, asking discovery for custom groups. */
export async function resolveGroupKind(groupKind: string, client: KubeClient, known: Map<string, string>): Promise<{ apiVersion: string; kind: string } | undefined> {
  const dot = groupKind.indexOf('.');
  const kind = dot === -1 ? groupKind : groupKind.slice(0, dot);
  const group = dot === -1 ? '' : groupKind.slice(dot + 1);
  const fromDesired = known.get(groupKind);
  if (fromDesired) return { apiVersion: fromDesired, kind };
  const builtIn = findResourceByKind(kind, group);
  if (builtIn) return { apiVersion: builtIn.apiVersion, kind };
  if (!group) return undefined;
  const response = await client.get<{ preferredVersion?: { groupVersion: string } }>(`/apis/${group}`, { accept: [404] });
  const version = response.status === 404 ? undefined : response.body?.preferredVersion?.groupVersion;
  return version ? { apiVersion: version, kind } : undefined;
}

/**
 * Every live member of the ApplySet, one cluster-wide LIST per group-kind filtered by the
 * `part-of` label: the cost grows with the kinds in a release, not with its objects.
 * Kinds the cluster no longer serves (a CRD removed by hand) are skipped: nothing of theirs is left to manage.
 */
export async function listMembers(client: KubeClient, paths: ResourcePaths, groupKinds: Iterable<string>, applySetId: string, apiVersions: Map<string, string>, namespaces: Iterable<string> = [], objectsIn?: Map<string, string[]>): Promise<Map<string, KubeObject>> {
  const namespaceList = [...new Set(namespaces)].filter(Boolean);
  const selector = encodeURIComponent(`${APPLYSET_PART_OF_LABEL}=${applySetId}`);
  const live = new Map<string, KubeObject>();
  await Promise.all(
    [...new Set(groupKinds)].map(async (gk) => {
      const resolved = await resolveGroupKind(gk, client, apiVersions);
      if (!resolved) return;
      let path: string;
      try {
        path = await paths.collectionPath(resolved.apiVersion, resolved.kind);
      } catch {
        return; // not served (yet): a CRD created by this apply, or one removed
      }
      const add = (items: any[] | undefined) => {
        for (const item of items ?? []) {
          const object = { apiVersion: resolved.apiVersion, kind: resolved.kind, ...item } as KubeObject;
          live.set(objectKey(object), object);
        }
      };
      const response = await client.get<{ items: any[] }>(`${path}?labelSelector=${selector}`, { accept: [403, 404] });
      if (response.status === 404) return;
      if (response.status !== 403) return add(response.body.items);
      // Users with rights in their namespaces only cannot list cluster-wide: list in each namespace
      // the release uses instead (still one request per kind and namespace, not per object).
      if (!(await paths.isNamespaced(resolved.apiVersion, resolved.kind)) || !namespaceList.length) {
        throw new KccError(`cannot list ${resolved.kind} objects to compare with the live state: ${(response.body as { message?: string })?.message ?? 'forbidden'}`, {
          hint: 'your user lacks RBAC permission to list this kind; ask for a (Cluster)Role granting list, or use another context',
          exitCode: 2,
        });
      }
      await Promise.all(
        namespaceList.map(async (ns) => {
          const inNamespace = await paths.collectionPath(resolved.apiVersion, resolved.kind, ns);
          const listed = await client.get<{ items: any[]; message?: string }>(`${inNamespace}?labelSelector=${selector}`, { accept: [403, 404] });
          if (listed.status === 403) {
            const wanted = objectsIn?.get(ns)?.slice(0, 3).join(', ');
            throw new KccError(`cannot list ${resolved.kind} objects in namespace ${ns}${wanted ? ` (the configuration puts ${wanted} there)` : ''}: ${listed.body?.message ?? 'forbidden'}`, {
              hint: 'your user lacks RBAC permission in that namespace; ask for a Role granting it, or leave that namespace out of the configuration',
              exitCode: 2,
            });
          }
          add(listed.body?.items);
        }),
      );
    }),
  );
  return live;
}
