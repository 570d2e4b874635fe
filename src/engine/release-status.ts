import { lastDeployed, latest, type ReleaseRecord } from '../release/index.js';
import { groupKind } from '../core/kube-object.js';
import { findDrift } from './drift.js';
import { splitHooks } from './hooks.js';
import { listMembers } from './live-objects.js';
import { prepareObjects } from './prepare-objects.js';
import { readinessOf, type Readiness } from './readiness-rules.js';
import type { ReleaseContext } from './release-context.js';

export interface ReleaseStatusReport {
  release: string;
  namespace: string;
  latest?: Omit<ReleaseRecord, 'manifests' | 'values'>;
  deployedRevision?: number;
  objects: { object: string; state: Readiness['state'] | 'missing'; message?: string; /** Fields kcc sets that the live object no longer holds. */ drift?: string[] }[];
  /** Objects edited outside kcc since the last apply: `kcc apply` restores them. */
  drifted: string[];
}

/** The release as it stands: its latest revision and, for the deployed manifests, each live object's readiness. */
export async function releaseStatus(context: ReleaseContext): Promise<ReleaseStatusReport> {
  const records = await context.store.list(context.release);
  const last = latest(records);
  const deployed = lastDeployed(records);
  const report: ReleaseStatusReport = { release: context.release, namespace: context.namespace, deployedRevision: deployed?.revision, objects: [], drifted: [] };
  if (last) {
    const { manifests: _m, values: _v, ...summary } = last;
    report.latest = summary;
  }
  // Hooks are not members: they come and go by their delete policy and are never drift.
  const manifests = splitHooks((last?.status === 'uninstalled' ? undefined : last?.manifests) ?? []).objects;
  if (!manifests.length) return report;
  const prepared = await prepareObjects(manifests, { namespace: context.namespace, applySetId: context.applySetId, paths: context.paths });
  const apiVersions = new Map(prepared.map((p) => [groupKind(p.object), p.object.apiVersion]));
  const live = await listMembers(context.client, context.paths, apiVersions.keys(), context.applySetId, apiVersions, [context.namespace, ...prepared.map((p) => p.object.metadata.namespace ?? '')]);
  for (const p of prepared) {
    const object = live.get(p.key);
    const readiness = object ? readinessOf(object) : undefined;
    const drift = object ? findDrift(p.object, object) : [];
    if (drift.length) report.drifted.push(p.id);
    report.objects.push({ object: p.id, state: readiness?.state ?? 'missing', message: readiness?.message, ...(drift.length ? { drift } : {}) });
  }
  return report;
}
