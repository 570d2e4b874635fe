import type { KubeObject } from '../core/kube-object.js';
import { forEachBounded } from './bounded-parallel.js';
import { secretScrubber } from './mask-secrets.js';
import type { PreflightReport } from './preflight.js';
import type { ReleaseContext } from './release-context.js';
import { isOwnHook, type PreparedHook } from './run-hooks.js';
import { explainApplyError, isMissingNamespace } from './server-side-apply.js';

/**
 * Preflight for the hooks an apply will run, before anything is written: each hook's namespace
 * must exist or come with this apply; an object of the hook's name must be this release's (and
 * removed by before-hook-creation) or absent; and the server dry-runs the create. A hook whose
 * previous run's object is still there is dry-run created under a generated name (the real name
 * is taken until before-hook-creation deletes it), which checks everything but the name.
 * Problems go into the same report as the objects', so one refusal lists all of them.
 */
export async function preflightHooks(context: ReleaseContext, hooks: PreparedHook[], report: PreflightReport, options: { comingNamespaces: Set<string>; comingKinds: Set<string>; parallelism?: number }): Promise<void> {
  const scrub = secretScrubber(hooks.map((h) => h.object));
  const refuse = (line: string, hint: string): void => {
    report.problems.push(scrub(line));
    if (!report.hints.includes(hint)) report.hints.push(hint);
  };
  await forEachBounded(hooks, options.parallelism ?? 16, async ({ hook, object, id }) => {
    const ns = object.metadata.namespace;
    if (options.comingKinds.has(`${object.apiVersion}/${object.kind}`)) return void report.unchecked.push(`hook ${id} (its CustomResourceDefinition is created by this apply)`);
    if (ns && options.comingNamespaces.has(ns)) return void report.unchecked.push(`hook ${id} (its namespace is created by this apply)`);
    let path: string;
    try {
      path = await context.paths.objectPath(object);
    } catch (error) {
      return refuse(`hook ${id}: ${(error as Error).message}`, 'check the hook\'s apiVersion and kind');
    }
    const live = await context.client.get<KubeObject>(path, { accept: [404] });
    const exists = live.status !== 404;
    if (exists && !isOwnHook(live.body, context.applySetId)) {
      return refuse(`hook ${id}: an object of that name exists and is not a hook of release ${context.release}`, 'rename the hook, or delete that object if it is yours');
    }
    if (exists && !hook.deletePolicies.includes('before-hook-creation') && object.kind !== 'CustomResourceDefinition') {
      return refuse(`hook ${id}: the object of an earlier run exists and its delete policy (${hook.deletePolicies.join(', ')}) does not remove it before the hook runs again`, 'add before-hook-creation to the hook\'s helm.sh/hook-delete-policy, or delete the object');
    }
    const { name, ...metadata } = object.metadata;
    const candidate = exists ? { ...object, metadata: { ...metadata, generateName: `${String(name).slice(0, 52)}-` } } : object;
    try {
      const collection = await context.paths.collectionPath(object.apiVersion, object.kind, ns);
      await context.client.request('POST', `${collection}?dryRun=All&fieldManager=kcc`, candidate);
    } catch (error) {
      if (isMissingNamespace(explainApplyError(error, id)) || /namespaces "[^"]+" not found/.test((error as Error).message)) {
        return refuse(`namespace "${ns}" does not exist (needed by hook ${id})`, 'declare the Namespace in the configuration, or re-run with --create-namespace');
      }
      const explained = explainApplyError(error, `hook ${id}`);
      refuse(explained.message, /Forbidden/.test(explained.message) ? 'your user lacks RBAC permission for these objects; ask for a Role granting it, or use another context' : 'fix the fields named above');
    }
  });
}
