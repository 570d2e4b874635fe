import { KccError } from '../core/errors.js';
import { lastDeployed } from '../release/index.js';
import { withReleaseLock, type HookStep } from './apply-release.js';
import { preflightHooks } from './hook-preflight.js';
import { hooksOfPhase, splitHooks } from './hooks.js';
import { assertPreflightPassed } from './preflight.js';
import type { ReleaseContext } from './release-context.js';
import { prepareHook, runHooks } from './run-hooks.js';

export interface TestReleaseOptions {
  /** How long one test may take. @default 300000 (5 minutes) */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface TestReleaseResult {
  /** The deployed revision whose tests ran. */
  revision: number;
  /** The tests run, in order; empty when the release has none. */
  tests: (HookStep & { status: 'succeeded' | 'failed'; message?: string })[];
}

/**
 * `kcc test`, as `helm test`: runs the deployed revision's `test` hooks (usually Pods that check
 * the release works) one by one in hook order, waits for each to succeed, and records each run in
 * the revision. The first failing test stops the run and fails it (exit 2), its pod's reason in the
 * message. Holds the release lock: tests create objects, and must not run alongside an apply.
 */
export async function testRelease(context: ReleaseContext, options: TestReleaseOptions = {}): Promise<TestReleaseResult> {
  return withReleaseLock(context, async (records, guard) => {
    const deployed = lastDeployed(records);
    if (!deployed) {
      throw new KccError(`release "${context.release}" has no deployed revision in namespace ${context.namespace}`, { hint: 'kcc history lists its revisions; apply it first' });
    }
    const tests = await Promise.all(hooksOfPhase(splitHooks(deployed.manifests).hooks, 'test').map((h) => prepareHook(context, h)));
    const result: TestReleaseResult = { revision: deployed.revision, tests: [] };
    if (!tests.length) {
      context.onEvent?.({ type: 'message', level: 'info', message: `revision ${deployed.revision} has no test hooks (objects annotated helm.sh/hook: test)` });
      return result;
    }
    const report = { problems: [], hints: [], unchecked: [], adopted: [], takenOver: [], namespacesToCreate: [], dryRun: new Map() };
    await preflightHooks(context, tests, report, { comingNamespaces: new Set(), comingKinds: new Set() });
    assertPreflightPassed(report);
    await runHooks(context, tests, 'test', {
      timeoutMs: options.timeoutMs ?? 300_000,
      guard,
      signal: options.signal,
      onRun: async (test, run) => {
        const entry = deployed.hooks?.find((h) => h.object === test.id);
        if (entry) entry.lastRun = run;
        if (run.status !== 'running') result.tests.push({ object: test.id, phase: 'test', weight: test.hook.weight, status: run.status, ...(run.message ? { message: run.message } : {}) });
        deployed.updatedAt = new Date().toISOString();
        await guard();
        await context.store.update(deployed);
      },
    });
    return result;
  });
}
