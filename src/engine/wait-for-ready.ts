import { describeObject, objectKey, type KubeObject } from '../core/kube-object.js';
import { APPLYSET_PART_OF_LABEL } from './apply-set.js';
import type { EngineListener } from './engine-events.js';
import type { KubeClient } from './kube-client.js';
import { POD_OWNING_KINDS, podProblem, readinessOf, type Readiness } from './readiness-rules.js';
import type { ResourcePaths } from './resource-paths.js';

/** What one pod looked like when its workload failed: enough to see why without running kubectl. */
export interface PodReport {
  name: string;
  phase: string;
  problem?: string;
  containers: string[];
  conditions: string[];
  events: string[];
}

export interface WaitFailure {
  object: string;
  message: string;
  pods: PodReport[];
  events: string[];
}

export interface WaitResult {
  ok: boolean;
  timedOut: boolean;
  failures: WaitFailure[];
}

export interface WaitOptions {
  timeoutMs: number;
  applySetId: string;
  onEvent?: EngineListener;
  /** Poll interval. @default 500 */
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Waits until every object is ready by the per-kind rules, any one fails, or the timeout passes.
 * Each round costs one LIST per kind still pending (filtered by the ApplySet label), plus one pod
 * LIST per workload that is not ready yet, to notice crashing pods without waiting for the timeout.
 */
export async function waitForReady(client: KubeClient, paths: ResourcePaths, targets: KubeObject[], options: WaitOptions): Promise<WaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  const pending = new Map(targets.map((t) => [objectKey(t), t]));
  const last = new Map<string, Readiness>();
  const latest = new Map<string, KubeObject>();
  const selector = encodeURIComponent(`${APPLYSET_PART_OF_LABEL}=${options.applySetId}`);
  for (const target of targets) options.onEvent?.({ type: 'object', object: describeObject(target), state: 'waiting' });

  for (;;) {
    // One LIST per kind and namespace (not cluster-wide: users limited to their namespaces can wait too).
    const byKind = new Map<string, KubeObject>();
    for (const t of pending.values()) byKind.set(`${t.apiVersion}|${t.kind}|${t.metadata.namespace ?? ''}`, t);
    await Promise.all(
      [...byKind.values()].map(async ({ apiVersion, kind, metadata }) => {
        const path = await paths.collectionPath(apiVersion, kind, metadata.namespace || undefined);
        const items = (await client.get<{ items: any[] }>(`${path}?labelSelector=${selector}`)).body.items ?? [];
        for (const item of items) latest.set(objectKey({ apiVersion, kind, metadata: item.metadata }), { apiVersion, kind, ...item });
      }),
    );
    const failures: WaitFailure[] = [];
    await Promise.all(
      [...pending.entries()].map(async ([key, target]) => {
        const live = latest.get(key);
        let readiness: Readiness = live ? readinessOf(live) : { state: 'progressing', message: 'not found yet' };
        if (live && readiness.state === 'progressing' && POD_OWNING_KINDS.has(live.kind) && live.kind !== 'Job') {
          const pods = await podsOf(client, live);
          const broken = pods.map((p) => ({ pod: p, problem: podProblem(p) })).find((p) => p.problem);
          if (broken) readiness = { state: 'failed', message: `pod ${broken.pod.metadata.name}: ${broken.problem}` };
        }
        const previous = last.get(key);
        if (!previous || previous.state !== readiness.state || previous.message !== readiness.message) {
          last.set(key, readiness);
          const id = describeObject(target);
          if (readiness.state === 'ready') options.onEvent?.({ type: 'object', object: id, state: 'ready' });
          else if (readiness.state === 'failed') options.onEvent?.({ type: 'object', object: id, state: 'failed', message: readiness.message });
          else options.onEvent?.({ type: 'object', object: id, state: 'waiting', message: readiness.message });
        }
        if (readiness.state === 'ready') pending.delete(key);
        if (readiness.state === 'failed') failures.push({ object: describeObject(target), message: readiness.message ?? 'failed', pods: [], events: [] });
      }),
    );
    if (failures.length) return { ok: false, timedOut: false, failures: await explain(client, failures, latest, pending) };
    if (pending.size === 0) return { ok: true, timedOut: false, failures: [] };
    if (options.signal?.aborted) {
      const stuck = [...pending.values()].map((t) => ({ object: describeObject(t), message: 'not ready when the apply was interrupted', pods: [], events: [] }));
      return { ok: false, timedOut: true, failures: stuck };
    }
    if (Date.now() >= deadline) {
      const stuck = [...pending.entries()].map(([key, t]) => ({ object: describeObject(t), message: `not ready after ${Math.round(options.timeoutMs / 1000)} s: ${last.get(key)?.message ?? 'no status'}`, pods: [], events: [] }));
      return { ok: false, timedOut: true, failures: await explain(client, stuck, latest, pending) };
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}

/**
 * The pods of a workload's current version. Old versions' pods are left out: after a rollback the
 * crashing pods of the abandoned ReplicaSet linger for a moment and must not fail the new rollout.
 */
async function podsOf(client: KubeClient, workload: any): Promise<any[]> {
  const labels = workload.spec?.selector?.matchLabels ?? (workload.kind === 'ReplicationController' ? workload.spec?.selector : undefined);
  if (!labels || !workload.metadata?.namespace) return [];
  const selectorText = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
  const current = await currentVersionLabel(client, workload, selectorText);
  if (current === null) return [];
  const selector = encodeURIComponent(current ? `${selectorText},${current}` : selectorText);
  const response = await client.get<{ items: any[] }>(`/api/v1/namespaces/${workload.metadata.namespace}/pods?labelSelector=${selector}`);
  return (response.body.items ?? []).filter((pod) => !pod.metadata?.deletionTimestamp);
}

/**
 * A label selecting the current version's pods ("pod-template-hash=abc"), '' when every pod
 * counts, or null when the current version is not known yet (the controller is catching up).
 */
async function currentVersionLabel(client: KubeClient, workload: any, selectorText: string): Promise<string | null> {
  if (workload.kind === 'StatefulSet') return workload.status?.updateRevision ? `controller-revision-hash=${workload.status.updateRevision}` : '';
  if (workload.kind !== 'Deployment') return '';
  if ((workload.status?.observedGeneration ?? 0) < (workload.metadata?.generation ?? 0)) return null;
  const revision = workload.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  const sets = (await client.get<{ items: any[] }>(`/apis/apps/v1/namespaces/${workload.metadata.namespace}/replicasets?labelSelector=${encodeURIComponent(selectorText)}`)).body.items ?? [];
  const newest = sets.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === revision && rs.metadata?.ownerReferences?.some((o: any) => o.uid === workload.metadata.uid));
  const hash = newest?.metadata?.labels?.['pod-template-hash'];
  return hash ? `pod-template-hash=${hash}` : null;
}

export async function eventsFor(client: KubeClient, namespace: string | undefined, name: string, kind: string): Promise<string[]> {
  if (!namespace) return [];
  const field = encodeURIComponent(`involvedObject.name=${name},involvedObject.kind=${kind}`);
  const response = await client.get<{ items: any[] }>(`/api/v1/namespaces/${namespace}/events?fieldSelector=${field}`, { accept: [403] });
  return (response.body.items ?? [])
    .sort((a, b) => String(a.lastTimestamp ?? a.eventTime ?? '').localeCompare(String(b.lastTimestamp ?? b.eventTime ?? '')))
    .slice(-5)
    .map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}${e.count > 1 ? ` (x${e.count})` : ''}`.trim());
}

/** Adds the failing pods' container states, conditions and recent events to each failure. */
async function explain(client: KubeClient, failures: WaitFailure[], latest: Map<string, KubeObject>, pending: Map<string, KubeObject>): Promise<WaitFailure[]> {
  const byId = new Map([...pending.entries()].map(([key, t]) => [describeObject(t), latest.get(key) ?? t]));
  return Promise.all(
    failures.map(async (failure) => {
      const live: any = byId.get(failure.object);
      if (!live) return failure;
      failure.events = await eventsFor(client, live.metadata.namespace, live.metadata.name, live.kind);
      if (live.kind === 'Pod') failure.pods = [await reportPod(client, live)];
      else if (POD_OWNING_KINDS.has(live.kind)) {
        const pods = (await podsOf(client, live)).filter((p) => podProblem(p) || !isReady(p));
        failure.pods = await Promise.all(pods.slice(0, 3).map((p) => reportPod(client, p)));
      }
      return failure;
    }),
  );
}

function isReady(pod: any): boolean {
  return pod.status?.phase === 'Succeeded' || (pod.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
}

export async function reportPod(client: KubeClient, pod: any): Promise<PodReport> {
  const containers = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map((c: any) => {
    const [stateName, state] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}];
    const s = state as any;
    const lastTerminated = c.lastState?.terminated;
    const last = lastTerminated ? `; last terminated: ${lastTerminated.reason ?? ''} exit ${lastTerminated.exitCode}` : '';
    return `${c.name}: ${stateName}${s.reason ? ` ${s.reason}` : ''}${s.message ? ` (${s.message})` : ''}, ready=${c.ready}, restarts=${c.restartCount ?? 0}${last}`;
  });
  const conditions = (pod.status?.conditions ?? []).filter((c: any) => c.status !== 'True').map((c: any) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`);
  return {
    name: `${pod.metadata.namespace}/${pod.metadata.name}`,
    phase: pod.status?.phase ?? 'Unknown',
    problem: podProblem(pod),
    containers,
    conditions,
    events: await eventsFor(client, pod.metadata.namespace, pod.metadata.name, 'Pod'),
  };
}

/** Text lines for a failure report, used in errors and the release record. */
export function formatWaitFailures(failures: WaitFailure[]): string[] {
  const lines: string[] = [];
  for (const f of failures) {
    lines.push(`${f.object}: ${f.message}`);
    for (const e of f.events) lines.push(`  event: ${e}`);
    for (const p of f.pods) {
      lines.push(`  pod ${p.name} (${p.phase})${p.problem ? `: ${p.problem}` : ''}`);
      for (const c of p.containers) lines.push(`    container ${c}`);
      for (const c of p.conditions) lines.push(`    condition ${c}`);
      for (const e of p.events) lines.push(`    event: ${e}`);
    }
  }
  return lines;
}
