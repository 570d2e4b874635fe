import { hostname, userInfo } from 'node:os';
import { KccError } from '../core/errors.js';
import type { ApiRequester } from './api-requester.js';

/** Who holds a lock: enough for a person to find them, and for this host to tell a dead process. */
export interface LockHolder {
  user: string;
  host: string;
  pid: number;
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

/**
 * A per-release lock, held as a coordination.k8s.io Lease so two applies (from any machine)
 * cannot interleave. Created with POST (the server rejects a second create: that is the mutual
 * exclusion), renewed while held, deleted on release. A holder that died is detected two ways: on
 * the same host its pid no longer exists (taken over at once, so a killed apply never blocks the
 * next one), elsewhere the lease stops being renewed and expires after `leaseSeconds`.
 */
export class ReleaseLock {
  private timer?: NodeJS.Timeout;
  private resourceVersion?: string;
  readonly holder = currentHolder();

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

  /** Takes the lock or throws a KccError naming who holds it and since when. */
  async acquire(): Promise<LockTakeover | undefined> {
    const now = new Date().toISOString().replace(/\.(\d{3})\d*Z$/, '.$1000Z');
    const spec = { holderIdentity: JSON.stringify(this.holder), leaseDurationSeconds: this.leaseSeconds, acquireTime: now, renewTime: now };
    const created = await this.client.request('POST', this.path, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.name, namespace: this.namespace, labels: { 'kcc.dev/release': this.releaseName } }, spec }, { accept: [409] });
    let takeover: LockTakeover | undefined;
    if (created.status === 409) {
      const existing = (await this.client.get(`${this.path}/${this.name}`)).body;
      const previous = parseHolder(existing.spec?.holderIdentity);
      const since = existing.spec?.acquireTime ?? existing.metadata?.creationTimestamp;
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
      this.resourceVersion = replaced.body.metadata.resourceVersion;
      takeover = { previous, since, why };
    } else {
      this.resourceVersion = created.body.metadata.resourceVersion;
    }
    this.timer = setInterval(() => void this.renew(), (this.leaseSeconds * 1000) / 4);
    this.timer.unref();
    return takeover;
  }

  private async renew(): Promise<void> {
    try {
      const current = (await this.client.get(`${this.path}/${this.name}`)).body;
      current.spec.renewTime = new Date().toISOString().replace(/\.(\d{3})\d*Z$/, '.$1000Z');
      const response = await this.client.request('PUT', `${this.path}/${this.name}`, current, { accept: [409] });
      if (response.status < 300) this.resourceVersion = response.body.metadata.resourceVersion;
    } catch {
      // a missed renewal is retried at the next tick; the lease is long enough for several misses
    }
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.client.request('DELETE', `${this.path}/${this.name}`, undefined, { accept: [404] }).catch(() => undefined);
  }
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
