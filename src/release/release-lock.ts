import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { performance } from 'node:perf_hooks';
import { KccError } from '../core/errors.js';
import type { ApiRequester } from './api-requester.js';

/** Who holds a lock: enough for a person to find them, and for this host to tell a dead process. */
export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  /** Which ReleaseLock object holds it: two in one process must exclude each other too. */
  token?: string;
}

export function currentHolder(): LockHolder {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return { user, host: hostname(), pid: process.pid };
}

export function formatHolder(holder: LockHolder): string {
  return `${holder.user}@${holder.host} (pid ${holder.pid})`;
}

/** What a caller learns when it takes a lock that a dead or expired holder left behind. */
export interface LockTakeover {
  previous: LockHolder;
  since: string;
  why: 'process gone' | 'lease expired';
}

/** This process held the lock, then lost it (it stopped renewing long enough for another to take it). */
export class LockLostError extends KccError {
  /** Who holds the lock now; undefined when nobody does (the taker already released it). */
  readonly newHolder?: LockHolder;

  constructor(releaseName: string, newHolder: LockHolder | undefined) {
    const taken = newHolder ? `was taken by ${formatHolder(newHolder)}` : 'expired and was taken by another process';
    super(`the lock of release "${releaseName}" ${taken} while this process was paused or cut off; stopped before the next write`, {
      hint: 'run kcc status / kcc history to see what the other apply did',
      exitCode: 3,
    });
    this.name = 'LockLostError';
    this.newHolder = newHolder;
  }
}

/**
 * A per-release lock, held as a coordination.k8s.io Lease so two applies (from any machine)
 * cannot interleave. Created with POST (the server rejects a second create: that is the mutual
 * exclusion), renewed while held, deleted on release. A holder that died is detected two ways: on
 * the same host its pid no longer exists (taken over at once, so a killed apply never blocks the
 * next one), elsewhere the lease stops being renewed and expires after `leaseSeconds`.
 *
 * A holder that was only paused (SIGSTOP, a suspended laptop, a cut network) comes back to a lease
 * that may have been taken. Every write of ours to the Lease is therefore conditional on the
 * resourceVersion we last wrote: a renewal or release that finds it changed learns that the lock is
 * lost instead of overwriting or deleting the new holder's lease. The engine calls assertHeld()
 * before each write; it renews first unless our last renewal is recent by the monotonic clock,
 * which keeps running while a process is stopped, so a resumed process always checks. (A lease is
 * not a fence: a write already sent when the pause began can still land late.)
 */
export class ReleaseLock {
  private timer?: NodeJS.Timeout;
  /** The Lease as we last wrote it; its resourceVersion is the precondition of our next write. */
  private lease?: any;
  /** performance.now() when our last successful write to the Lease was sent. */
  private confirmedAt = 0;
  private renewing?: Promise<void>;
  private lostTo?: { holder?: LockHolder };
  readonly holder: LockHolder = { ...currentHolder(), token: randomUUID() };

  constructor(
    private readonly client: ApiRequester,
    private readonly namespace: string,
    private readonly releaseName: string,
    private readonly leaseSeconds = 60,
  ) {}

  private get path(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.namespace)}/leases`;
  }
  private get name(): string {
    return `kcc-release-${this.releaseName}`;
  }

  private holds(holder: LockHolder): boolean {
    return holder.token !== undefined && holder.token === this.holder.token;
  }

  /** True once a renewal found the lease taken by another holder, or gone. */
  get lost(): boolean {
    return this.lostTo !== undefined;
  }

  /** Takes the lock or throws a KccError naming who holds it and since when. */
  async acquire(): Promise<LockTakeover | undefined> {
    const now = microTime();
    const spec = { holderIdentity: JSON.stringify(this.holder), leaseDurationSeconds: this.leaseSeconds, acquireTime: now, renewTime: now };
    const metadata = { name: this.name, namespace: this.namespace, labels: { 'kcc.dev/release': this.releaseName } };
    const sentAt = performance.now();
    const created = await this.client.request('POST', this.path, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata, spec }, { accept: [409] });
    let takeover: LockTakeover | undefined;
    if (created.status === 409) {
      const existing = (await this.client.get(`${this.path}/${this.name}`)).body;
      const previous = parseHolder(existing.spec?.holderIdentity);
      const since = existing.spec?.acquireTime ?? existing.metadata?.creationTimestamp;
      // Our own lease: a retried POST whose first attempt was created.
      if (this.holds(previous)) {
        this.hold(existing, sentAt);
        return undefined;
      }
      const why = staleReason(existing, previous);
      if (!why) {
        throw new KccError(`release "${this.releaseName}" is locked by ${formatHolder(previous)} since ${since}`, {
          hint: 'another apply, rollback or destroy of this release is running; wait for it to finish (the lock frees itself within a minute if that process died)',
          exitCode: 3,
        });
      }
      // Replace with the resourceVersion we read: if two processes race to take over, one loses with 409.
      const replaced = await this.client.request('PUT', `${this.path}/${this.name}`, { ...existing, spec }, { accept: [409] });
      if (replaced.status === 409) throw new KccError(`release "${this.releaseName}" was just locked by another process`, { exitCode: 3 });
      takeover = { previous, since, why };
      this.hold(replaced.body, sentAt);
    } else {
      this.hold(created.body, sentAt);
    }
    return takeover;
  }

  private hold(lease: any, sentAt: number): void {
    this.lease = lease;
    this.confirmedAt = sentAt;
    this.lostTo = undefined;
    this.stopRenewing();
    // A missed renewal is retried at the next tick; the lease is long enough for several misses.
    this.timer = setInterval(() => void this.renew().catch(() => undefined), (this.leaseSeconds * 1000) / 4);
    this.timer.unref();
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Throws LockLostError unless the lock is still ours. Cheap (no request) when our last renewal
   * was sent less than a third of the lease ago; otherwise renews now.
   */
  async assertHeld(): Promise<void> {
    if (!this.lease && !this.lostTo) throw new Error(`the lock of release "${this.releaseName}" is not held (assertHeld before acquire or after release)`);
    const recent = performance.now() - this.confirmedAt < (this.leaseSeconds * 1000) / 3;
    if (!this.lostTo && !recent) await this.renew();
    if (this.lostTo) throw new LockLostError(this.releaseName, this.lostTo.holder);
  }

  /** One renewal at a time: the timer's and assertHeld's share the request in flight. */
  private renew(): Promise<void> {
    this.renewing ??= this.renewOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    if (!this.lease || this.lostTo) return;
    const sentAt = performance.now();
    const body = { ...this.lease, spec: { ...this.lease.spec, renewTime: microTime() } };
    const response = await this.client.request('PUT', `${this.path}/${this.name}`, body, { accept: [404, 409] });
    const lease = response.status < 300 ? response.body : await this.reread();
    if (!lease) return;
    this.lease = lease;
    this.confirmedAt = sentAt;
  }

  /**
   * After a conditional write failed: the lease if it is still ours (our own earlier attempt of a
   * retried request changed it), else undefined, with the lock marked lost. Only we write a lease
   * that carries our token, so its holder is proof enough.
   */
  private async reread(): Promise<any | undefined> {
    const current = await this.client.get(`${this.path}/${this.name}`, { accept: [404] });
    const holder = current.status === 404 ? undefined : parseHolder(current.body.spec?.holderIdentity);
    if (holder && this.holds(holder)) return current.body;
    this.lostTo = { holder };
    this.stopRenewing();
    return undefined;
  }

  /** Deletes the lease if it is still ours; a lease another process took is left to it. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.renewing?.catch(() => undefined);
    const lease = this.lease;
    this.lease = undefined;
    if (!lease || this.lostTo) return;
    const options = { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: lease.metadata.resourceVersion } };
    // 409: the lease changed since our last write, so it is no longer ours to delete.
    await this.client.request('DELETE', `${this.path}/${this.name}`, options, { accept: [404, 409] }).catch(() => undefined);
  }
}

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
function microTime(): string {
  return new Date().toISOString().replace(/\.(\d{3})\d*Z$/, '.$1000Z');
}

function parseHolder(identity: string | undefined): LockHolder {
  try {
    return JSON.parse(identity ?? '') as LockHolder;
  } catch {
    return { user: identity ?? 'unknown', host: 'unknown', pid: 0 };
  }
}

function staleReason(lease: any, holder: LockHolder): LockTakeover['why'] | undefined {
  if (holder.host === hostname() && holder.pid > 0 && !processExists(holder.pid)) return 'process gone';
  const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
  const duration = (lease.spec?.leaseDurationSeconds ?? 60) * 1000;
  if (Number.isFinite(renewed) && Date.now() > renewed + duration) return 'lease expired';
  return undefined;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
