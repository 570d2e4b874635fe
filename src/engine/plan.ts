import { installOrderRank } from '../core/install-order.js';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { findDrift } from './drift.js';
import { findImmutableChanges, type ImmutableChange } from './immutable-fields.js';
import { ADOPTED_ANNOTATION } from './ownership.js';
import { MANIFEST_HASH_ANNOTATION, type PreparedObject } from './prepare-objects.js';

export type ChangeAction = 'create' | 'update' | 'replace' | 'unchanged';

export interface PlannedChange {
  desired: PreparedObject;
  action: ChangeAction;
  live?: KubeObject;
  /** Why an existing object is sent: its manifest changed, or the live object drifted from it. */
  reason?: 'changed' | 'drift' | 'resync';
  /** Fields kcc sets that the live object no longer holds (for reason 'drift'). */
  drift?: string[];
  immutable?: ImmutableChange[];
  /** Managers whose imperative edits (kubectl scale, edit...) the apply takes back, forcing only this object. */
  reclaimFrom?: string[];
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
 * carries the same manifest hash and still holds every field kcc sets is unchanged and will not
 * be sent; one that drifted (edited outside kcc) is sent again. Changes to immutable fields are
 * marked here, before anything is written: they become delete-and-recreate with `forceReplace`,
 * and a refusal in preflight otherwise. No request is made: the live objects come from one LIST
 * per kind.
 */
export function planChanges(desired: PreparedObject[], live: Map<string, KubeObject>, options: { forceReplace?: boolean; resync?: boolean } = {}): ApplyPlan {
  const ordered = [...desired].sort((a, b) => a.rank - b.rank);
  const changes: PlannedChange[] = [];
  for (const d of ordered) {
    const current = live.get(d.key);
    if (!current) {
      changes.push({ desired: d, action: 'create' });
      continue;
    }
    keepAdoptionMark(d, current);
    let reason: PlannedChange['reason'] = 'changed';
    let drift: string[] | undefined;
    if (current.metadata.annotations?.[MANIFEST_HASH_ANNOTATION] === d.hash) {
      drift = findDrift(d.object, current);
      if (!drift.length && !options.resync) {
        changes.push({ desired: d, action: 'unchanged', live: current });
        continue;
      }
      reason = drift.length ? 'drift' : 'resync';
    }
    const immutable = findImmutableChanges(d.object, current);
    changes.push({
      desired: d,
      action: immutable.length && options.forceReplace ? 'replace' : 'update',
      live: current,
      reason,
      ...(drift?.length ? { drift } : {}),
      ...(immutable.length ? { immutable } : {}),
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

/** Immutable-field changes that block the plan (without --force-replace), one line each. */
export function blockedByImmutableFields(plan: ApplyPlan): string[] {
  return plan.changes.filter((c) => c.action !== 'replace' && c.immutable?.length).flatMap((c) => c.immutable!.map((i) => `${c.desired.id}: ${i.field} cannot change: ${i.why}`));
}

/**
 * An object kcc adopted keeps saying so on every later apply: server-side apply would drop the
 * annotation from kcc's fields the first time kcc stopped sending it.
 */
function keepAdoptionMark(desired: PreparedObject, live: KubeObject): void {
  const mark = live.metadata.annotations?.[ADOPTED_ANNOTATION];
  if (mark === undefined) return;
  desired.object.metadata = { ...desired.object.metadata, annotations: { ...desired.object.metadata.annotations, [ADOPTED_ANNOTATION]: mark } };
}
