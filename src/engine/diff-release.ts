import { createTwoFilesPatch } from 'diff';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { canonicalize, toYaml } from '../core/serialize.js';
import { maskSecret } from './mask-secrets.js';
import type { ApplyPlan } from './plan.js';
import { hookSteps, operationFor, planAndCheck, type HookStep } from './apply-release.js';
import { hooksChanged } from './hooks.js';
import { lastDeployed, type ReleaseRecord } from '../release/index.js';
import type { PreflightOptions, PreflightReport } from './preflight.js';
import { MANIFEST_HASH_ANNOTATION } from './prepare-objects.js';
import type { ReleaseContext } from './release-context.js';

export interface ObjectDiff {
  object: string;
  action: 'create' | 'update' | 'replace' | 'prune';
  /** Unified diff of the YAML, Secret values masked. */
  patch: string;
  /** Why an unchanged manifest shows a difference: the live object was edited outside kcc. */
  drift?: string[];
  /** Managers whose imperative edits apply would take back. */
  reclaimFrom?: string[];
}

export interface DiffOptions extends Omit<PreflightOptions, 'validate'> {
  objects: KubeObject[];
  /** Dry-run every object, not only changed or drifted ones (one request per object). */
  resync?: boolean;
}

export interface DiffResult {
  diffs: ObjectDiff[];
  plan: ApplyPlan;
  /** What apply would refuse, and how to get past it: the same preflight apply runs. */
  preflight: PreflightReport;
  /** The hooks apply would run, in order, if it records a revision (never created by diff). */
  hooks: HookStep[];
  /** The hooks differ from the deployed revision's: apply records a revision for that alone. */
  hooksChanged: boolean;
}

/**
 * What `kcc apply` would change, as unified diffs per object. It runs apply's own plan and
 * preflight: each changed or drifted object is applied with a server-side dry run, so the "after"
 * side includes defaults, admission and merge results, and is compared with the live object.
 * Creations diff against nothing, prunes against nothing. Drift (edits made outside kcc since the
 * last apply) shows without any flag. Hooks are listed (which would run, in order) and dry-run
 * created in preflight, never created. Nothing is written.
 */
export async function diffRelease(context: ReleaseContext, options: DiffOptions): Promise<DiffResult> {
  const records = await context.store.list(context.release).catch(() => [] as ReleaseRecord[]);
  const { plan, checked, hooks, phases } = await planAndCheck(context, { ...options, forceReplace: true, validate: false }, operationFor(records));
  const diffs: ObjectDiff[] = [];
  for (const change of plan.changes) {
    if (change.action === 'unchanged') continue;
    // Replacements and objects the server could not dry-run yet show the manifest as it will be sent.
    const after = checked.dryRun.get(change.desired.id) ?? change.desired.object;
    const patch = unifiedDiff(change.desired.id, change.action === 'create' && !checked.adopted.includes(change.desired.id) ? undefined : change.live, after);
    diffs.push({ object: change.desired.id, action: change.action, patch, ...(change.drift ? { drift: change.drift } : {}), ...(change.reclaimFrom ? { reclaimFrom: change.reclaimFrom } : {}) });
  }
  for (const pruned of plan.prunes) diffs.push({ object: describeObject(pruned), action: 'prune', patch: unifiedDiff(describeObject(pruned), pruned, undefined) });
  return { diffs, plan, preflight: checked, hooks: hookSteps([phases.before, phases.after]), hooksChanged: hooksChanged(hooks.map((h) => h.hook), lastDeployed(records)?.hooks) };
}

/** The parts of an object that are the server's bookkeeping, not configuration. */
const NOISE_METADATA = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

export function forDisplay(object: KubeObject | undefined, other?: KubeObject, side: 'before' | 'after' = 'after'): string {
  if (!object) return '';
  const masked: any = maskSecret(object, other, side);
  const metadata = { ...masked.metadata };
  for (const key of NOISE_METADATA) delete metadata[key];
  if (metadata.annotations) {
    const annotations = { ...metadata.annotations };
    delete annotations[MANIFEST_HASH_ANNOTATION];
    metadata.annotations = Object.keys(annotations).length ? annotations : undefined;
  }
  const { status: _status, ...rest } = { ...masked, metadata };
  return toYaml(canonicalize(rest));
}

export function unifiedDiff(id: string, before: KubeObject | undefined, after: KubeObject | undefined): string {
  return createTwoFilesPatch(before ? `live/${id}` : '/dev/null', after ? `kcc/${id}` : '/dev/null', forDisplay(before, after, 'before'), forDisplay(after, before, 'after'), '', '', { context: 3 })
    .split('\n')
    .filter((line) => !line.startsWith('====='))
    .join('\n');
}
