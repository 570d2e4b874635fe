import { KccError } from '../core/errors.js';
import type { HookPhase } from '../core/hook-annotations.js';
import { describeObject, type KubeObject } from '../core/kube-object.js';
import type { HookRunRecord } from '../release/index.js';
import { APPLYSET_PART_OF_LABEL } from './apply-set.js';
import type { Hook } from './hooks.js';
import { ApiError } from './kube-client.js';
import { podProblem } from './readiness-rules.js';
import type { ReleaseContext } from './release-context.js';
import { explainApplyError } from './server-side-apply.js';
import { eventsFor, formatWaitFailures, reportPod, type WaitFailure } from './wait-for-ready.js';

/**
 * Marks a hook's object as this release's (value: the release's ApplySet id). Hooks do not carry
 * the ApplySet `part-of` label: they are not members, so the plan never lists, diffs or prunes them.
 */
export const HOOK_OF_LABEL = 'kcc.dev/hook-of';

/** A hook ready to send: namespace filled in, marked as this release's. */
export interface PreparedHook {
  hook: Hook;
  object: KubeObject;
  /** "Job/web/migrate" */
  id: string;
}

/** A hook that failed or never finished: the release fails with it (and rolls back with --atomic). */
export class HookFailedError extends KccError {
  constructor(message: string, readonly failures: WaitFailure[], readonly phase: HookPhase) {
    super(message, { exitCode: 2, hint: 'fix the hook (its pods\' reasons are above) and run again; kcc rollback returns to the last deployed revision' });
  }
}

/**
 * When a hook is done, per kind, as Helm decides it: a Job when it completes (or fails), a Pod
 * when it succeeds (or fails); any other kind once the server has accepted it.
 */
const COMPLETION_RULES: Record<string, (live: any) => { done: boolean; failed?: string }> = {
  Job: (job) => {
    const failed = (job.status?.conditions ?? []).find((c: any) => c.type === 'Failed' && c.status === 'True');
    if (failed) return { done: true, failed: `job failed: ${[failed.reason, failed.message].filter(Boolean).join(': ')}` };
    return { done: (job.status?.conditions ?? []).some((c: any) => c.type === 'Complete' && c.status === 'True') };
  },
  Pod: (pod) => {
    if (pod.status?.phase === 'Failed') return { done: true, failed: `pod failed${pod.status?.reason ? `: ${pod.status.reason}` : ''}${podProblem(pod) ? ` (${podProblem(pod)})` : ''}` };
    return { done: pod.status?.phase === 'Succeeded' };
  },
};

export async function prepareHook(context: ReleaseContext, hook: Hook): Promise<PreparedHook> {
  const { apiVersion, kind, metadata } = hook.object;
  // A kind whose CRD this apply creates cannot be discovered yet: namespaced unless it says otherwise.
  const namespaced = await context.paths.isNamespaced(apiVersion, kind).catch(() => true);
  const prepared = { ...metadata, labels: { ...metadata.labels, [HOOK_OF_LABEL]: context.applySetId } };
  if (namespaced) prepared.namespace = metadata.namespace ?? context.namespace;
  else delete prepared.namespace;
  const object = { ...hook.object, metadata: prepared };
  return { hook, object, id: describeObject(object) };
}

/** A live object this release may delete and recreate: one of its hooks (or a member it used to apply as a plain object). */
export function isOwnHook(live: KubeObject, applySetId: string): boolean {
  return live.metadata.labels?.[HOOK_OF_LABEL] === applySetId || live.metadata.labels?.[APPLYSET_PART_OF_LABEL] === applySetId;
}

export interface RunHooksOptions {
  /** How long one hook may take. */
  timeoutMs: number;
  /** Before each write: throws when the release lock was lost. */
  guard?: () => Promise<void>;
  signal?: AbortSignal;
  /** Each hook's run as it starts and ends, for the release record. */
  onRun?: (hook: PreparedHook, run: HookRunRecord) => Promise<void> | void;
  /** Poll interval while waiting. @default 500 */
  intervalMs?: number;
}

/**
 * Runs the hooks of one phase (given in their running order), one at a time, as Helm does: delete
 * the previous run's object (policy before-hook-creation, the default), create the object, wait
 * until it is done. The first hook that fails stops the phase (deleted first when its policy says
 * hook-failed); once all succeeded, those with hook-succeeded are deleted. CustomResourceDefinitions
 * are never deleted by a policy (that would delete every resource of the kind).
 */
export async function runHooks(context: ReleaseContext, hooks: PreparedHook[], phase: HookPhase, options: RunHooksOptions): Promise<PreparedHook[]> {
  if (!hooks.length) return [];
  context.onEvent?.({ type: 'phase', phase: 'hook', message: `running ${hooks.length} ${phase} hook${hooks.length === 1 ? '' : 's'}` });
  for (const prepared of hooks) {
    if (options.signal?.aborted) throw new KccError(`interrupted before the ${phase} hooks finished`, { exitCode: 130, hint: 'run again to finish, or kcc rollback' });
    if (prepared.hook.deletePolicies.includes('before-hook-creation')) await deleteHookObject(context, prepared, options);
    const startedAt = new Date().toISOString();
    await options.guard?.();
    await createHookObject(context, prepared, phase);
    await options.onRun?.(prepared, { phase, status: 'running', startedAt });
    context.onEvent?.({ type: 'object', object: prepared.id, state: 'running', message: `${phase} hook${prepared.hook.weight ? ` (weight ${prepared.hook.weight})` : ''}` });
    const failure = await waitForHook(context, prepared, options);
    const completedAt = new Date().toISOString();
    if (!failure) {
      await options.onRun?.(prepared, { phase, status: 'succeeded', startedAt, completedAt });
      context.onEvent?.({ type: 'object', object: prepared.id, state: 'succeeded', message: `${phase} hook` });
      continue;
    }
    await options.onRun?.(prepared, { phase, status: 'failed', startedAt, completedAt, message: failure.message });
    context.onEvent?.({ type: 'object', object: prepared.id, state: 'failed', message: `${phase} hook: ${failure.message}` });
    if (prepared.hook.deletePolicies.includes('hook-failed')) await deleteHookObject(context, prepared, options);
    const details = formatWaitFailures([failure]).slice(1);
    throw new HookFailedError(`${phase} hook ${prepared.id} ${failure.message}${details.length ? `\n  ${details.join('\n  ')}` : ''}`, [failure], phase);
  }
  for (const prepared of hooks) {
    if (prepared.hook.deletePolicies.includes('hook-succeeded')) await deleteHookObject(context, prepared, options);
  }
  return hooks;
}

async function createHookObject(context: ReleaseContext, prepared: PreparedHook, phase: HookPhase): Promise<void> {
  const { object, id } = prepared;
  const collection = await context.paths.collectionPath(object.apiVersion, object.kind, object.metadata.namespace);
  try {
    await context.client.request('POST', `${collection}?fieldManager=kcc`, object);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      throw new KccError(`${phase} hook ${id} cannot run: the object exists (from an earlier run) and its delete policy (${prepared.hook.deletePolicies.join(', ')}) does not remove it first`, {
        exitCode: 2,
        hint: 'add before-hook-creation to its helm.sh/hook-delete-policy, or delete the object',
      });
    }
    throw explainApplyError(error, id);
  }
}

/** Deletes a hook's object when it exists and is this release's, and waits until it is gone. */
export async function deleteHookObject(context: ReleaseContext, prepared: PreparedHook, options: { guard?: () => Promise<void>; timeoutMs: number }): Promise<void> {
  const { object, id } = prepared;
  if (object.kind === 'CustomResourceDefinition') return;
  const path = await context.paths.objectPath(object);
  const live = await context.client.get<KubeObject>(path, { accept: [404] });
  if (live.status === 404) return;
  if (!isOwnHook(live.body, context.applySetId)) {
    throw new KccError(`hook ${id} cannot run: an object of that name exists and is not a hook of release ${context.release}`, { exitCode: 2, hint: 'rename the hook, or delete that object if it is yours' });
  }
  await options.guard?.();
  // Background: the Job goes at once and its pods after it; the next run's pods select by the new Job's uid.
  const body = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', preconditions: { uid: live.body.metadata.uid } };
  await context.client.request('DELETE', path, body, { accept: [404, 409] });
  const deadline = Date.now() + Math.max(options.timeoutMs, 30_000);
  while (Date.now() < deadline) {
    const again = await context.client.get<KubeObject>(path, { accept: [404] });
    if (again.status === 404 || again.body.metadata.uid !== live.body.metadata.uid) {
      context.onEvent?.({ type: 'object', object: id, state: 'deleted', message: 'hook object from an earlier run' });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new KccError(`hook ${id}: the object from an earlier run was not gone within ${Math.round(Math.max(options.timeoutMs, 30_000) / 1000)} s of deleting it`, { exitCode: 2, hint: 'look for finalizers on it (kubectl get -o yaml)' });
}

/** Waits until the hook is done by COMPLETION_RULES; returns the failure, or undefined when it succeeded. */
async function waitForHook(context: ReleaseContext, prepared: PreparedHook, options: RunHooksOptions): Promise<WaitFailure | undefined> {
  const rule = COMPLETION_RULES[prepared.object.kind];
  if (!rule) return undefined;
  const path = await context.paths.objectPath(prepared.object);
  const deadline = Date.now() + options.timeoutMs;
  let lastSeen: any;
  for (;;) {
    const live = await context.client.get<any>(path, { accept: [404] });
    if (live.status === 404) return { object: prepared.id, message: 'was deleted while kcc waited for it', pods: [], events: [] };
    lastSeen = live.body;
    const state = rule(lastSeen);
    if (state.failed) return explainHook(context, prepared, lastSeen, state.failed);
    if (state.done) return undefined;
    if (options.signal?.aborted) return explainHook(context, prepared, lastSeen, 'did not finish: interrupted');
    if (Date.now() >= deadline) return explainHook(context, prepared, lastSeen, `did not finish within ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/**
 * Why a hook failed or is stuck, from its pods: a crash, an image that cannot be pulled, a pod the
 * scheduler cannot place. The first pod's reason goes into the message; every pod's report, with
 * its events, into the details.
 */
async function explainHook(context: ReleaseContext, prepared: PreparedHook, live: any, message: string): Promise<WaitFailure> {
  const pods = live.kind === 'Pod' || prepared.object.kind === 'Pod' ? [live] : await jobPods(context, live);
  const reports = await Promise.all(pods.slice(0, 3).map((pod) => reportPod(context.client, pod)));
  const reason = pods.map(podReason).find(Boolean);
  const events = prepared.object.kind === 'Pod' ? [] : await eventsFor(context.client, live.metadata?.namespace, live.metadata?.name, prepared.object.kind);
  return { object: prepared.id, message: reason ? `${message}: ${reason}` : message, pods: reports, events };
}

async function jobPods(context: ReleaseContext, job: any): Promise<any[]> {
  const labels = job.spec?.selector?.matchLabels;
  if (!labels || !job.metadata?.namespace) return [];
  const selector = encodeURIComponent(Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(','));
  const response = await context.client.get<{ items: any[] }>(`/api/v1/namespaces/${encodeURIComponent(job.metadata.namespace)}/pods?labelSelector=${selector}`, { accept: [403] });
  // Newest first: the pod whose state explains the hook now.
  return (response.body.items ?? []).sort((a, b) => String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')));
}

/** One pod's reason for not finishing: a container problem, an unschedulable pod, or a failed phase. */
function podReason(pod: any): string | undefined {
  const name = pod.metadata?.name ? `pod ${pod.metadata.name}: ` : '';
  const problem = podProblem(pod);
  if (problem) return `${name}${problem}`;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const waiting = statuses.map((c: any) => c.state?.waiting).find((w: any) => w?.reason);
  if (waiting) return `${name}${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
  const unscheduled = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled' && c.status === 'False');
  if (unscheduled) return `${name}${unscheduled.reason ?? 'not scheduled'}${unscheduled.message ? ` (${unscheduled.message})` : ''}`;
  if (pod.status?.phase && pod.status.phase !== 'Succeeded') return `${name}phase ${pod.status.phase}`;
  return undefined;
}
