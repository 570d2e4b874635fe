import * as Flags from '@oclif/core/flags';
import { KccCommand } from '../base-command.js';
import { EngineProgress, progressMode } from '../engine-progress.js';
import { ownershipFlags, parseDuration, releaseFlags, sourceFlags } from '../release-flags.js';

export default class Apply extends KccCommand {
  static override description = 'Deploy an environment: plan against the live objects, server-side apply what changed, wait until ready, prune, and record a revision';

  static override examples = [
    { description: 'Deploy the dev environment of kcc.yaml (starts its local cluster when needed)', command: '<%= config.bin %> apply --env dev' },
    { description: 'Deploy plain manifests to the cluster in your kubeconfig', command: '<%= config.bin %> apply -f k8s/ --release web' },
    { description: 'Roll back by itself when the rollout fails', command: '<%= config.bin %> apply --env prod --atomic --timeout 5m' },
    { description: 'See what the server would do, without changing anything', command: '<%= config.bin %> apply --env prod --dry-run' },
    { description: 'Events as JSON lines for machines', command: '<%= config.bin %> apply --env ci --output json' },
    { description: 'Manage a namespace and objects that existed before the release', command: '<%= config.bin %> apply -f k8s/ --release web --adopt' },
    { description: 'Create the namespaces the objects need', command: '<%= config.bin %> apply -f k8s/ --release web -n web --create-namespace' },
  ];

  static override flags = {
    ...releaseFlags,
    ...sourceFlags,
    ...ownershipFlags,
    wait: Flags.boolean({ description: 'wait until the applied objects are ready', default: true, allowNo: true }),
    timeout: Flags.string({ description: 'how long to wait for readiness, and for each hook to finish (90s, 5m)', default: '5m' }),
    atomic: Flags.boolean({ description: 'roll back to the last deployed revision when anything fails after the first write (write, rollout, prune)', default: false }),
    'dry-run': Flags.boolean({ description: 'plan and preflight with server-side dry runs: show what would change, write nothing (no lock, no revision)', default: false }),
    validate: Flags.boolean({ description: 'schema-validate the objects before writing (the server validates them in preflight too)', default: true, allowNo: true }),
    'force-conflicts': Flags.boolean({ description: 'take ownership of fields another manager owns', default: false }),
    'force-replace': Flags.boolean({ description: 'delete and recreate objects whose immutable fields changed', default: false }),
    resync: Flags.boolean({ description: 'dry-run every object, not only changed or drifted ones, and restore any the cluster differs on (drift is repaired without it)', default: false }),
    'history-max': Flags.integer({ description: 'revisions to keep (the last deployed one always stays)', default: 10 }),
    hooks: Flags.boolean({ description: 'run the hooks (objects annotated helm.sh/hook); --no-hooks leaves them out, as helm --no-hooks', default: true, allowNo: true }),
    parallelism: Flags.integer({ description: 'requests in flight within one install stage', default: 16 }),
    output: Flags.string({ char: 'o', description: 'progress and result format', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Apply);
    const { connect, loadReleaseInput } = await import('../release-input.js');
    const { applyRelease, countChanges } = await import('../../engine/index.js');
    const timeoutMs = parseDuration(flags.timeout);
    const progress = new EngineProgress(progressMode(flags.output, this.interactive));
    // First Ctrl-C: stop between requests, record the revision as failed, free the lock. Second: quit now.
    const interrupt = new AbortController();
    const onSignal = (): void => {
      if (interrupt.signal.aborted) process.exit(130);
      process.stderr.write('\ninterrupted: stopping after the requests in flight (Ctrl-C again to quit at once)\n');
      interrupt.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const input = await loadReleaseInput(flags);
      for (const note of input.notes) progress.listener({ type: 'message', level: 'info', message: note });
      const context = await connect(flags, input, progress.listener);
      const result = await applyRelease(context, {
        objects: input.objects,
        env: input.env,
        values: input.values,
        source: input.source,
        dryRun: flags['dry-run'],
        wait: flags.wait,
        timeoutMs,
        atomic: flags.atomic,
        forceConflicts: flags['force-conflicts'],
        forceReplace: flags['force-replace'],
        resync: flags.resync,
        adopt: flags.adopt,
        takeOwnership: flags['take-ownership'],
        createNamespace: flags['create-namespace'],
        createReleaseNamespace: input.namespaceFromProject,
        validate: flags.validate,
        sources: input.sources,
        historyMax: flags['history-max'],
        parallelism: flags.parallelism,
        signal: interrupt.signal,
        hooks: flags.hooks,
      });
      progress.stop();
      const counts = countChanges(result.plan);
      const summary = { release: input.release, namespace: input.namespace, revision: result.revision, changed: result.changed, dryRun: flags['dry-run'], ...counts, hooks: result.hooks ?? [] };
      if (flags.output === 'json') process.stdout.write(`${JSON.stringify({ type: 'result', ...summary })}\n`);
      else {
        const ran = result.hooks?.length ? `, ${result.hooks.length} hook${result.hooks.length === 1 ? '' : 's'} ${flags['dry-run'] ? 'would run' : 'run'}` : '';
        const what = `${counts.create} created, ${counts.update} configured, ${counts.replace} replaced, ${counts.prune} pruned, ${counts.unchanged} unchanged${ran}`;
        const head = flags['dry-run'] ? 'dry run' : result.changed ? `release ${input.release} revision ${result.revision} deployed` : `release ${input.release}: no changes (revision ${result.revision ?? '-'})`;
        process.stdout.write(`${head}: ${what}\n`);
      }
      context.client.close();
    } finally {
      progress.stop();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
