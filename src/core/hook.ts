import type { IConstruct } from 'constructs';
import { ApiObject } from './api-object.js';
import { KccError } from './errors.js';
import { HOOK_ANNOTATION, HOOK_DELETE_POLICIES, HOOK_DELETE_POLICY_ANNOTATION, HOOK_PHASES, HOOK_WEIGHT_ANNOTATION, type HookDeletePolicy, type HookPhase } from './hook-annotations.js';
import type { KubeObject } from './kube-object.js';

export * from './hook-annotations.js';

export interface HookOptions {
  /** When the hook runs: one phase or several. */
  phases: HookPhase | readonly HookPhase[];
  /** Order within a phase: lower weights run first (then by name). @default 0 */
  weight?: number;
  /** When kcc deletes the hook's object. @default 'before-hook-creation' (the previous run's object is deleted before the next run) */
  deletePolicy?: HookDeletePolicy | readonly HookDeletePolicy[];
}

/**
 * Makes an object a hook by writing Helm's annotations on it: a construct (its ApiObject, or its
 * `defaultChild`'s) or a plain manifest object. Returns what it was given.
 *
 *     hook(new k8s.Job(chart, 'migrate', { ... }), { phases: ['pre-install', 'pre-upgrade'], weight: -5, deletePolicy: 'hook-succeeded' });
 */
export function hook<T extends IConstruct | KubeObject>(target: T, options: HookOptions): T {
  const phases = [options.phases].flat() as HookPhase[];
  const policies = options.deletePolicy === undefined ? [] : ([options.deletePolicy].flat() as HookDeletePolicy[]);
  if (!phases.length) throw new KccError('hook(): at least one phase is needed', { hint: `phases: ${HOOK_PHASES.join(', ')}` });
  for (const phase of phases) {
    if (!HOOK_PHASES.includes(phase)) throw new KccError(`hook(): unknown phase "${phase}"`, { hint: `phases: ${HOOK_PHASES.join(', ')}` });
  }
  for (const policy of policies) {
    if (!HOOK_DELETE_POLICIES.includes(policy)) throw new KccError(`hook(): unknown delete policy "${policy}"`, { hint: `delete policies: ${HOOK_DELETE_POLICIES.join(', ')}` });
  }
  if (options.weight !== undefined && !Number.isInteger(options.weight)) throw new KccError(`hook(): weight must be an integer, got ${options.weight}`);
  const annotations: Record<string, string> = { [HOOK_ANNOTATION]: phases.join(',') };
  if (options.weight !== undefined) annotations[HOOK_WEIGHT_ANNOTATION] = String(options.weight);
  if (policies.length) annotations[HOOK_DELETE_POLICY_ANNOTATION] = policies.join(',');
  if (isKubeObject(target)) {
    target.metadata = { ...target.metadata, annotations: { ...target.metadata.annotations, ...annotations } };
    return target;
  }
  const object = ApiObject.of(target as IConstruct);
  for (const [key, value] of Object.entries(annotations)) object.metadata.addAnnotation(key, value);
  return target;
}

function isKubeObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !ApiObject.isApiObject(value) && !('node' in value) && 'kind' in value && 'metadata' in value;
}
