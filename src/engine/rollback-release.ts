import { KccError } from '../core/errors.js';
import type { ReleaseRecord } from '../release/index.js';
import { applyLocked, withReleaseLock, type ApplyReleaseOptions, type ApplyReleaseResult } from './apply-release.js';
import type { ReleaseContext } from './release-context.js';

/**
 * The revision a bare `kcc rollback` returns to: the newest one that was deployed before the one
 * deployed now (a failed latest revision rolls back to the current deployed one).
 */
export function defaultRollbackTarget(records: ReleaseRecord[]): ReleaseRecord | undefined {
  const wasDeployed = records.filter((r) => r.status === 'deployed' || r.status === 'superseded');
  const latest = records[records.length - 1];
  if (latest && latest.status !== 'deployed') return wasDeployed[wasDeployed.length - 1];
  return wasDeployed[wasDeployed.length - 2];
}

/**
 * Applies an earlier revision's manifests as a new revision: objects that revision did not have
 * are pruned, and immutable-field differences are resolved by replacing, since going back is the point.
 * The target revision's pre-rollback and post-rollback hooks run around the writes, as in Helm.
 */
export async function rollbackRelease(context: ReleaseContext, options: Omit<ApplyReleaseOptions, 'objects'> & { revision?: number }): Promise<ApplyReleaseResult & { target: number }> {
  return withReleaseLock(context, async (records, guard) => {
    if (!records.length) throw new KccError(`release "${context.release}" has no history in namespace ${context.namespace}`, { hint: 'check --release and --namespace' });
    const target = options.revision === undefined ? defaultRollbackTarget(records) : records.find((r) => r.revision === options.revision);
    if (!target) {
      throw new KccError(options.revision === undefined ? `release "${context.release}" has no earlier deployed revision to roll back to` : `release "${context.release}" has no revision ${options.revision}`, {
        hint: `revisions kept: ${records.map((r) => `${r.revision} (${r.status})`).join(', ')}`,
      });
    }
    context.onEvent?.({ type: 'phase', phase: 'rollback', message: `rolling back to revision ${target.revision}` });
    const result = await applyLocked(
      context,
      { ...options, objects: target.manifests, env: target.env, values: target.values, source: target.source, forceReplace: options.forceReplace ?? true },
      { description: `rollback to ${target.revision}`, operation: 'rollback', rollbackOf: target.revision, alwaysRecord: true },
      records,
      guard,
    );
    return { ...result, target: target.revision };
  });
}
