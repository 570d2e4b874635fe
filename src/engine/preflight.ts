import { KccError } from '../core/errors.js';
import { describeObject, type KubeObject, type TrackedObject } from '../core/kube-object.js';
import { canonicalize } from '../core/serialize.js';
import { forEachBounded } from './bounded-parallel.js';
import { ApiError } from './kube-client.js';
import { secretScrubber } from './mask-secrets.js';
import { ADOPTED_ANNOTATION, describeApplySetOwner, ownerOf } from './ownership.js';
import { blockedByImmutableFields, type ApplyPlan, type PlannedChange } from './plan.js';
import type { ReleaseContext } from './release-context.js';
import { ConflictError, isMissingNamespace, serverSideApply } from './server-side-apply.js';

export interface PreflightOptions {
  /** Take over objects that exist and belong to no release (they are marked adopted). */
  adopt?: boolean;
  /** Take over objects that belong to another release or ApplySet (recorded in the revision). */
  takeOwnership?: boolean;
  /** Create namespaces the objects need that neither exist nor are declared. */
  createNamespace?: boolean;
  /** Namespaces the apply creates anyway (an environment's namespace named in kcc.yaml). */
  alsoCreate?: string[];
  forceConflicts?: boolean;
  forceReplace?: boolean;
  /** Schema-validate the objects that will be written. @default true */
  validate?: boolean;
  /** Where each object came from, so validation errors name file:line. */
  sources?: ReadonlyMap<KubeObject, TrackedObject>;
  parallelism?: number;
}

/** What preflight learned; `problems` empty means every write is expected to succeed. */
export interface PreflightReport {
  /** One line per refusal: the object, what is wrong. */
  problems: string[];
  /** How to get past the refusals: one line per distinct fix. */
  hints: string[];
  /** Objects the server could not check yet (their namespace or CRD comes with this apply). */
  unchecked: string[];
  adopted: string[];
  takenOver: { object: string; from: string }[];
  namespacesToCreate: string[];
  /** The server's dry-run answer per object id: what the object will look like. */
  dryRun: Map<string, KubeObject>;
}

/** The plan was refused before anything was written. */
export class PreflightError extends KccError {
  constructor(readonly report: PreflightReport) {
    const count = report.problems.length;
    super(`preflight refused the apply (${count} problem${count === 1 ? '' : 's'}); nothing was written:\n  - ${report.problems.join('\n  - ')}`, { hint: report.hints.join('; ') || undefined, exitCode: 1 });
  }
}

export function assertPreflightPassed(report: PreflightReport): void {
  if (report.problems.length) throw new PreflightError(report);
}

const HINTS = {
  immutable: 're-run with --force-replace to delete and recreate those objects (their pods and data go with them)',
  invalid: 'fix the fields named above (kcc validate shows every schema error with its line)',
  namespace: 'declare the Namespace in the configuration, or re-run with --create-namespace',
  adopt: 're-run with --adopt to manage objects that exist and belong to no release (a Namespace adopted this way is never deleted by kcc)',
  takeOwnership: 're-run with --take-ownership to take objects from another release (recorded in this revision)',
  conflict: 're-run with --force-conflicts to take ownership of fields another manager owns',
  forbidden: 'your user lacks RBAC permission for these objects; ask for a Role granting it, or use another context',
} as const;

/**
 * Everything that can be checked before the first write, so a refused apply changes nothing:
 * immutable-field changes, schema validation, missing namespaces, objects that exist but are not
 * this release's, and a server-side dry-run apply of every object that will be written (admission,
 * RBAC, field conflicts, server validation). Prunes are dry-run deleted for the same reasons. The
 * dry run also settles drift: an object whose dry-run result equals its live copy is unchanged.
 */
export async function preflight(context: ReleaseContext, plan: ApplyPlan, options: PreflightOptions = {}): Promise<PreflightReport> {
  const report: PreflightReport = { problems: [], hints: [], unchecked: [], adopted: [], takenOver: [], namespacesToCreate: [], dryRun: new Map() };
  // Server messages quote rejected values, Secret values included.
  const scrub = secretScrubber(plan.changes.map((c) => c.desired.object));
  const refuse = (line: string, hint: keyof typeof HINTS | string): void => {
    report.problems.push(scrub(line));
    const text = hint in HINTS ? HINTS[hint as keyof typeof HINTS] : hint;
    if (!report.hints.includes(text)) report.hints.push(text);
  };
  for (const line of blockedByImmutableFields(plan)) refuse(line, 'immutable');
  const toWrite = plan.changes.filter((c) => c.action !== 'unchanged');
  const invalid = options.validate !== false && toWrite.length ? await validate(toWrite, options.sources, refuse) : new Set<string>();
  const comingNamespaces = await checkNamespaces(context, plan, toWrite, options, report, refuse);
  const comingKinds = new Set(toWrite.filter((c) => c.desired.object.kind === 'CustomResourceDefinition').flatMap((c) => crdKinds(c.desired.object)));

  await forEachBounded(toWrite, options.parallelism ?? 16, async (change) => {
    const { object, id } = change.desired;
    if (invalid.has(id)) return; // already refused: the server would only say it again
    if (change.action === 'replace') {
      report.unchecked.push(`${id} (replaced: deleted, then created anew)`);
      return;
    }
    let result: { object: KubeObject; created: boolean } | undefined;
    try {
      result = await dryRunApply(context, change, options.forceConflicts).catch(async (error: unknown) => {
        // A conflict on an object the plan would create: it exists, so whose it is comes first.
        if (!(error instanceof ConflictError) || change.action !== 'create' || change.live) throw error;
        if (!(await checkOwnership(context, change, options, report, refuse))) return undefined;
        return dryRunApply(context, change, options.forceConflicts);
      });
      if (!result) return;
    } catch (error) {
      if (isMissingNamespace(error) && comingNamespaces.has(object.metadata.namespace ?? '')) return void report.unchecked.push(`${id} (its namespace is created by this apply)`);
      if (comingKinds.has(`${object.apiVersion}/${object.kind}`)) return void report.unchecked.push(`${id} (its CustomResourceDefinition is created by this apply)`);
      if (error instanceof ConflictError) return refuse(error.message.replace(/:\n\s*/g, ': ').replace(/\n\s*/g, '; '), 'conflict');
      if (isImmutableRejection(error)) {
        if (options.forceReplace) {
          change.action = 'replace';
          return void report.unchecked.push(`${id} (replaced: the server refuses the change in place)`);
        }
        return refuse((error as Error).message, 'immutable');
      }
      if (error instanceof KccError) return refuse(error.message, /Forbidden/.test(error.message) ? 'forbidden' : 'invalid');
      throw error;
    }
    report.dryRun.set(id, result.object);
    if (change.action === 'create' && !result.created && !change.live) await checkOwnership(context, change, options, report, refuse);
    else if (change.action === 'update' && change.reason !== 'changed' && change.live && sameObject(result.object, change.live)) change.action = 'unchanged';
  });
  await dryRunPrunes(context, plan.prunes, options.parallelism ?? 16, refuse);
  report.unchecked.sort();
  return report;
}

/**
 * A dry-run apply of one change. Fields of a member that only imperative edits took from kcc
 * (kubectl scale, edit, set image, patch: "Update" operations) are reclaimed: kcc applied them
 * and nobody declared otherwise, so restoring them is the point of an apply. A field another
 * declarative manager applied ("Apply" operation) stays a conflict that needs --force-conflicts.
 */
async function dryRunApply(context: ReleaseContext, change: PlannedChange, forceConflicts: boolean | undefined): Promise<{ object: KubeObject; created: boolean }> {
  const { object, id } = change.desired;
  try {
    return await serverSideApply(context.client, context.paths, object, id, { dryRun: true, force: forceConflicts });
  } catch (error) {
    if (!(error instanceof ConflictError) || !change.live) throw error;
    const managers = [...new Set([...error.message.matchAll(/conflict with "([^"]+)"/g)].map((m) => m[1]!))];
    const imperativeOnly = managers.length > 0 && managers.every((manager) => onlyUpdates(change.live!, manager));
    if (!imperativeOnly) throw error;
    change.reclaimFrom = managers;
    return serverSideApply(context.client, context.paths, object, id, { dryRun: true, force: true });
  }
}

function onlyUpdates(live: KubeObject, manager: string): boolean {
  const entries = ((live.metadata as { managedFields?: { manager?: string; operation?: string }[] }).managedFields ?? []).filter((e) => e.manager === manager);
  return entries.length > 0 && entries.every((e) => e.operation === 'Update');
}

/** Schema errors, each with file:line; returns the ids of the objects that have one. */
async function validate(changes: PlannedChange[], sources: PreflightOptions['sources'], refuse: (line: string, hint: string) => void): Promise<Set<string>> {
  const { validateObjects } = await import('../schema/validate-objects.js');
  const { formatIssue } = await import('../schema/validation-issue.js');
  const tracked = changes.map((c) => sources?.get(c.desired.original) ?? { object: c.desired.original, source: { kind: 'generated' as const, file: '(input)' }, touchedBy: [] });
  const idOf = new Map(changes.map((c) => [describeObject(c.desired.original), c.desired.id]));
  const invalid = new Set<string>();
  for (const issue of validateObjects(tracked)) {
    if (issue.severity !== 'error') continue;
    refuse(formatIssue(issue).split('\n')[0]!, 'invalid');
    if (issue.object) invalid.add(idOf.get(issue.object) ?? issue.object);
  }
  return invalid;
}

/**
 * Namespaces the written objects live in must exist, be declared in the configuration, or be
 * created with --create-namespace. Returns the namespaces this apply will create, whose objects
 * the server cannot dry-run yet.
 */
async function checkNamespaces(context: ReleaseContext, plan: ApplyPlan, toWrite: PlannedChange[], options: PreflightOptions, report: PreflightReport, refuse: (line: string, hint: string) => void): Promise<Set<string>> {
  const declared = new Set<string>(plan.changes.filter((c) => c.desired.object.kind === 'Namespace').map((c) => c.desired.object.metadata.name ?? ''));
  const needed = new Map<string, string[]>();
  // The release namespace holds the records and the lock: it must exist before anything is written.
  if (toWrite.length && !declared.has(context.namespace)) needed.set(context.namespace, [`the records and lock of release ${context.release}`]);
  for (const change of toWrite) {
    const ns = change.desired.object.metadata.namespace;
    if (ns && !declared.has(ns)) needed.set(ns, [...(needed.get(ns) ?? []), change.desired.id]);
  }
  const coming = new Set<string>(plan.changes.filter((c) => c.desired.object.kind === 'Namespace' && c.action === 'create').map((c) => c.desired.object.metadata.name ?? ''));
  for (const [ns, ids] of [...needed].sort(([a], [b]) => a.localeCompare(b))) {
    // 403: a user with rights inside the namespace only may not read Namespace objects; it exists then.
    const found = await context.client.get(`/api/v1/namespaces/${encodeURIComponent(ns)}`, { accept: [403, 404] });
    if (found.status !== 404) continue;
    if (options.createNamespace || options.alsoCreate?.includes(ns)) {
      report.namespacesToCreate.push(ns);
      coming.add(ns);
      continue;
    }
    const named = ids.slice(0, 3).join(', ') + (ids.length > 3 ? ` and ${ids.length - 3} more` : '');
    refuse(`namespace "${ns}" does not exist (needed by ${named})`, 'namespace');
  }
  return coming;
}

/** An object the plan would create already exists: it is someone else's unless a flag says otherwise. False when refused. */
async function checkOwnership(context: ReleaseContext, change: PlannedChange, options: PreflightOptions, report: PreflightReport, refuse: (line: string, hint: string) => void): Promise<boolean> {
  const { id, object } = change.desired;
  const live = (await context.client.get<KubeObject>(await context.paths.objectPath(object), { accept: [404] })).body;
  if (!live?.metadata) return true; // deleted meanwhile: it will be created
  change.live = live;
  const owner = ownerOf(live, context.applySetId);
  if (owner.kind === 'this-release') return true;
  if (owner.kind === 'none') {
    if (!options.adopt) {
      refuse(`${id} already exists and was not created by release ${context.release}`, 'adopt');
      return false;
    }
    report.adopted.push(id);
    object.metadata = { ...object.metadata, annotations: { ...object.metadata.annotations, [ADOPTED_ANNOTATION]: 'true' } };
    return true;
  }
  const from = owner.kind === 'applyset' ? await describeApplySetOwner(context.client, owner.id) : owner.description;
  if (!options.takeOwnership) {
    refuse(`${id} belongs to ${from}`, 'takeOwnership');
    return false;
  }
  report.takenOver.push({ object: id, from });
  return true;
}

/** Dry-run deletes: the server checks RBAC and admission for each prune without deleting. */
async function dryRunPrunes(context: ReleaseContext, prunes: KubeObject[], parallelism: number, refuse: (line: string, hint: string) => void): Promise<void> {
  await forEachBounded(prunes, parallelism, async (object) => {
    const path = await context.paths.objectPath(object);
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'], preconditions: { uid: object.metadata.uid } };
    try {
      await context.client.request('DELETE', path, body, { accept: [404, 409] });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refuse(`${describeObject(object)} cannot be pruned: ${error.apiStatus.message ?? error.reason}`, error.status === 403 ? 'forbidden' : 'invalid');
    }
  });
}

function isImmutableRejection(error: unknown): boolean {
  return error instanceof KccError && /\(Invalid\)/.test(error.message) && /immutable|cannot change|may not change/i.test(error.message);
}

/** "group/version/Kind" for each version a CRD serves: how its custom resources name their kind. */
function crdKinds(crd: KubeObject): string[] {
  const spec = (crd as { spec?: { group?: string; names?: { kind?: string }; versions?: { name: string }[] } }).spec;
  return (spec?.versions ?? []).map((v) => `${spec?.group}/${v.name}/${spec?.names?.kind}`);
}

// The server's bookkeeping, which a dry run may change without changing the object.
const BOOKKEEPING = ['resourceVersion', 'managedFields', 'generation'];

/** Whether the server's dry-run result is the live object unchanged. */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const metadata: Record<string, unknown> = { ...o.metadata };
    for (const key of BOOKKEEPING) delete metadata[key];
    return JSON.stringify(canonicalize({ ...o, metadata, status: undefined }));
  };
  return strip(a) === strip(b);
}
