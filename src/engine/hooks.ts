import { HOOK_ANNOTATION, HOOK_DELETE_POLICIES, HOOK_DELETE_POLICY_ANNOTATION, HOOK_PHASES, HOOK_WEIGHT_ANNOTATION, type HookDeletePolicy, type HookPhase } from '../core/hook-annotations.js';
import { installOrderRank } from '../core/install-order.js';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import { manifestHash } from './prepare-objects.js';

/** An object of the configuration that runs at points of the release's life instead of being a member. */
export interface Hook {
  /** The object as the configuration gives it (annotations included). */
  object: KubeObject;
  /** "Job/migrate" or "Job/ns/migrate", before the release namespace is filled in. */
  id: string;
  phases: HookPhase[];
  weight: number;
  /** As annotated, or Helm's default `before-hook-creation` when none is. */
  deletePolicies: HookDeletePolicy[];
  /** Hash of the manifest: a changed hook makes an apply record a revision even if nothing else changed. */
  hash: string;
}

/** What each release operation runs: hooks of the first phase before its writes, of the second after them. */
export const OPERATION_PHASES = {
  install: ['pre-install', 'post-install'],
  upgrade: ['pre-upgrade', 'post-upgrade'],
  rollback: ['pre-rollback', 'post-rollback'],
  delete: ['pre-delete', 'post-delete'],
} as const satisfies Record<string, readonly [HookPhase, HookPhase]>;
export type ReleaseOperation = keyof typeof OPERATION_PHASES;

/** Helm 2's name for the test phase, still accepted by Helm 3. */
const PHASE_ALIASES: Record<string, HookPhase> = { 'test-success': 'test' };

/**
 * Separates hooks (objects annotated `helm.sh/hook`) from the release's ordinary objects. As in
 * Helm, an object naming a phase Helm does not know (Helm 2's `crd-install`) is left out
 * entirely; unlike Helm, kcc says so. A weight that is not an integer counts as 0, as in Helm,
 * with a warning.
 */
export function splitHooks(objects: readonly KubeObject[]): { objects: KubeObject[]; hooks: Hook[]; warnings: string[] } {
  const ordinary: KubeObject[] = [];
  const hooks: Hook[] = [];
  const warnings: string[] = [];
  for (const object of objects) {
    const annotations = object.metadata?.annotations ?? {};
    const phasesText = annotations[HOOK_ANNOTATION];
    if (phasesText === undefined) {
      ordinary.push(object);
      continue;
    }
    const id = describeObject(object);
    const named = listOf(phasesText).map((p) => PHASE_ALIASES[p] ?? p);
    const unknown = named.filter((p) => !(HOOK_PHASES as readonly string[]).includes(p));
    if (unknown.length || !named.length) {
      warnings.push(`${id}: skipped: ${HOOK_ANNOTATION} "${phasesText}" names no phase kcc knows (${unknown.join(', ') || 'empty'}); Helm skips it too. Phases: ${HOOK_PHASES.join(', ')}`);
      continue;
    }
    const weightText = annotations[HOOK_WEIGHT_ANNOTATION]?.trim();
    let weight = 0;
    if (weightText) {
      if (/^[-+]?\d+$/.test(weightText)) weight = Number(weightText);
      else warnings.push(`${id}: ${HOOK_WEIGHT_ANNOTATION} "${weightText}" is not an integer; weight 0 is used, as Helm does`);
    }
    const policiesNamed = listOf(annotations[HOOK_DELETE_POLICY_ANNOTATION] ?? '');
    for (const policy of policiesNamed) {
      if (!(HOOK_DELETE_POLICIES as readonly string[]).includes(policy)) warnings.push(`${id}: ${HOOK_DELETE_POLICY_ANNOTATION} "${policy}" is not a delete policy and is ignored. Policies: ${HOOK_DELETE_POLICIES.join(', ')}`);
    }
    const policies = policiesNamed.filter((p): p is HookDeletePolicy => (HOOK_DELETE_POLICIES as readonly string[]).includes(p));
    hooks.push({
      object,
      id,
      phases: [...new Set(named as HookPhase[])],
      weight,
      deletePolicies: policies.length ? [...new Set(policies)] : ['before-hook-creation'],
      hash: manifestHash(object),
    });
  }
  return { objects: ordinary, hooks, warnings };
}

/**
 * The hooks of one phase in the order they run, as Helm orders them: by weight (lowest first),
 * then by name; hooks with the same weight and name (different kinds) in install order.
 */
export function hooksOfPhase(hooks: readonly Hook[], phase: HookPhase): Hook[] {
  return hooks
    .filter((h) => h.phases.includes(phase))
    .sort((a, b) => a.weight - b.weight || compare(a.object.metadata.name ?? '', b.object.metadata.name ?? '') || installOrderRank(a.object.kind) - installOrderRank(b.object.kind) || compare(a.id, b.id));
}

/** Whether the hooks differ from those a revision recorded (a changed migration Job is a change to apply). */
export function hooksChanged(hooks: readonly Hook[], recorded: readonly { hash: string }[] | undefined): boolean {
  const now = hooks.map((h) => h.hash).sort();
  const before = (recorded ?? []).map((h) => h.hash).sort();
  return now.length !== before.length || now.some((hash, i) => hash !== before[i]);
}

function listOf(text: string): string[] {
  return text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

/** Byte order, as Go compares strings (localeCompare would depend on the machine's locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
