import type { KubeObject } from '../core/kube-object.js';

/**
 * Where a revision stands. `pending` while an apply runs (a crashed apply leaves it behind and the
 * next one resolves it); `deployed` is the one live revision; older deployed ones become
 * `superseded`.
 */
export type ReleaseStatus = 'pending' | 'deployed' | 'failed' | 'superseded' | 'uninstalled';

/** One revision of a release: what was asked for, where it came from and how it went. */
export interface ReleaseRecord {
  release: string;
  /** Namespace holding the release's records, lock and ApplySet parent. */
  namespace: string;
  revision: number;
  status: ReleaseStatus;
  /** One line: "install", "upgrade", "rollback to 2", and why it failed. */
  description: string;
  env?: string;
  values?: unknown;
  source: { digest: string; gitCommit?: string; origin?: string };
  manifests: KubeObject[];
  /** Objects written during this revision ("Deployment/web/api"), kept when it fails halfway. */
  applied: string[];
  /** Objects deleted because they left the configuration. */
  pruned: string[];
  /** Objects that existed, belonged to no release and were taken over with --adopt. */
  adopted?: string[];
  /** Objects taken from another release or ApplySet with --take-ownership, and from whom. */
  takenOver?: { object: string; from: string }[];
  /** Namespaces this revision created outside the release (--create-namespace); destroy keeps them. */
  createdNamespaces?: string[];
  /**
   * The hooks of this revision's configuration (objects annotated `helm.sh/hook`, kept in
   * `manifests` too): what they are and, for those that ran, how their last run went.
   */
  hooks?: HookRecord[];
  failure?: { message: string; objects?: string[]; details?: string[] };
  rollbackOf?: number;
  /** Who ran it: "user@host pid 123". */
  by: string;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** One hook of a revision, as history shows it. */
export interface HookRecord {
  /** "Job/web/migrate" */
  object: string;
  phases: string[];
  weight: number;
  deletePolicies: string[];
  /** Manifest hash: a changed hook is a change to apply. */
  hash: string;
  lastRun?: HookRunRecord;
}

export interface HookRunRecord {
  phase: string;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  completedAt?: string;
  message?: string;
}

/** Storage for release records, so the engine does not care where history lives. */
export interface ReleaseStore {
  /** Every stored revision of a release, oldest first. */
  list(release: string): Promise<ReleaseRecord[]>;
  get(release: string, revision: number): Promise<ReleaseRecord | undefined>;
  create(record: ReleaseRecord): Promise<void>;
  update(record: ReleaseRecord): Promise<void>;
  delete(release: string, revision: number): Promise<void>;
}

/** The revision now live: the newest `deployed` one. */
export function lastDeployed(records: ReleaseRecord[]): ReleaseRecord | undefined {
  return [...records].reverse().find((r) => r.status === 'deployed');
}

export function latest(records: ReleaseRecord[]): ReleaseRecord | undefined {
  return records[records.length - 1];
}

/**
 * Revisions to delete so that at most `max` remain; the last deployed revision always stays,
 * because it is what a rollback or the next diff is compared against.
 */
export function revisionsBeyondMax(records: ReleaseRecord[], max: number): ReleaseRecord[] {
  if (max <= 0 || records.length <= max) return [];
  const keep = lastDeployed(records);
  const excess = records.length - max;
  return records.filter((r) => r !== keep).slice(0, excess);
}
