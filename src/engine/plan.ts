import { KccError } from '../core/errors.js';
import { installOrderRank } from '../core/install-order.js';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { findImmutableChanges, type ImmutableChange } from './immutable-fields.js';
import { MANIFEST_HASH_ANNOTATION, type PreparedObject } from './prepare-objects.js';

export type ChangeAction = 'create' | 'update' | 'replace' | 'unchanged';

export interface PlannedChange {
  desired: PreparedObject;
  action: ChangeAction;
  live?: KubeObject;
  immutable?: ImmutableChange[];
}

/** What an apply will do: changes in install order, prunes in reverse install order. */
export interface ApplyPlan {
  changes: PlannedChange[];
  prunes: KubeObject[];
  /** Group-kinds and namespaces of the desired objects (the ApplySet parent records them). */
  groupKinds: string[];
  namespaces: string[];
}

export function countChanges(plan: ApplyPlan): { create: number; update: number; replace: number; unchanged: number; prune: number } {
  const count = { create: 0, update: 0, replace: 0, unchanged: 0, prune: plan.prunes.length };
  for (const change of plan.changes) count[change.action]++;
  return count;
}

export function hasChanges(plan: ApplyPlan): boolean {
  return plan.prunes.length > 0 || plan.changes.some((c) => c.action !== 'unchanged');
}

/**
 * Compares desired objects with the live members of the release. An object whose live copy
 * carries the same manifest hash is unchanged and will not be sent. Changes to immutable fields
 * are found here, before anything is written: they fail the plan unless `forceReplace` turns
 * them into delete-and-recreate.
 */
export function planChanges(desired: PreparedObject[], live: Map<string, KubeObject>, options: { forceReplace?: boolean; resync?: boolean } = {}): ApplyPlan {
  const ordered = [...desired].sort((a, b) => a.rank - b.rank);
  const changes: PlannedChange[] = [];
  const blocked: string[] = [];
  for (const d of ordered) {
    const current = live.get(d.key);
    if (!current) {
      changes.push({ desired: d, action: 'create' });
      continue;
    }
    // The hash says what kcc last applied; --resync also rewrites objects someone else edited since.
    if (!options.resync && current.metadata.annotations?.[MANIFEST_HASH_ANNOTATION] === d.hash) {
      changes.push({ desired: d, action: 'unchanged', live: current });
      continue;
    }
    const immutable = findImmutableChanges(d.object, current);
    if (immutable.length && !options.forceReplace) {
      blocked.push(...immutable.map((c) => `${d.id}: ${c.field} cannot change: ${c.why}`));
    }
    changes.push({ desired: d, action: immutable.length ? 'replace' : 'update', live: current, immutable: immutable.length ? immutable : undefined });
  }
  if (blocked.length) {
    throw new KccError(`the configuration changes immutable fields:\n  ${blocked.join('\n  ')}`, {
      hint: 're-run with --force-replace to delete and recreate these objects (their pods and data go with them)',
    });
  }
  const wanted = new Set(desired.map((d) => d.key));
  const prunes = [...live.entries()]
    .filter(([key]) => !wanted.has(key))
    .map(([, object]) => object)
    .sort((a, b) => installOrderRank(b.kind) - installOrderRank(a.kind) || describeObject(a).localeCompare(describeObject(b)));
  return {
    changes,
    prunes,
    groupKinds: [...new Set(desired.map((d) => d.groupKind))].sort(),
    namespaces: [...new Set(desired.map((d) => d.object.metadata.namespace).filter((ns): ns is string => Boolean(ns)))].sort(),
  };
}
