import { lastDeployed, latest, type ReleaseRecord } from '../release/index.js';
import { describeObject, groupKind } from '../core/kube-object.js';
import { listMembers } from './live-objects.js';
import { prepareObjects } from './prepare-objects.js';
import { readinessOf, type Readiness } from './readiness-rules.js';
import type { ReleaseContext } from './release-context.js';

export interface ReleaseStatusReport {
  release: string;
  namespace: string;
  latest?: Omit<ReleaseRecord, 'manifests' | 'values'>;
  deployedRevision?: number;
  objects: { object: string; state: Readiness['state'] | 'missing'; message?: string }[];
}

/** The release as it stands: its latest revision and, for the deployed manifests, each live object's readiness. */
export async function releaseStatus(context: ReleaseContext): Promise<ReleaseStatusReport> {
  const records = await context.store.list(context.release);
  const last = latest(records);
  const deployed = lastDeployed(records);
  const report: ReleaseStatusReport = { release: context.release, namespace: context.namespace, deployedRevision: deployed?.revision, objects: [] };
  if (last) {
    const { manifests: _m, values: _v, ...summary } = last;
    report.latest = summary;
  }
  const manifests = (last?.status === 'uninstalled' ? undefined : last?.manifests) ?? [];
  if (!manifests.length) return report;
  const prepared = await prepareObjects(manifests, { namespace: context.namespace, applySetId: context.applySetId, paths: context.paths });
  const apiVersions = new Map(prepared.map((p) => [groupKind(p.object), p.object.apiVersion]));
  const live = await listMembers(context.client, context.paths, apiVersions.keys(), context.applySetId, apiVersions, [context.namespace, ...prepared.map((p) => p.object.metadata.namespace ?? '')]);
  for (const p of prepared) {
    const object = live.get(p.key);
    const readiness = object ? readinessOf(object) : undefined;
    report.objects.push({ object: describeObject(p.object), state: readiness?.state ?? 'missing', message: readiness?.message });
  }
  return report;
}
