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
export async function listMembers(client: KubeClient, paths: ResourcePaths, groupKinds: Iterable<string>, applySetId: string, apiVersions: Map<string, string>): Promise<Map<string, KubeObject>> {
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
      const response = await client.get<{ items: any[] }>(`${path}?labelSelector=${selector}`, { accept: [404] });
      if (response.status === 404) return;
      for (const item of response.body.items ?? []) {
        const object = { apiVersion: resolved.apiVersion, kind: resolved.kind, ...item } as KubeObject;
        live.set(objectKey(object), object);
      }
    }),
  );
  return live;
}
