import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCC_BIN, runKcc, runProcess, type KccRun } from '../helpers/run-kcc.js';
import { kubectl, testKccHome, testKubeconfig } from './shared-cluster.js';

// examples/ci/pipeline.sh is what both CI files run; here it runs, step by step, against the
// bundled cluster on a project made by `kcc init`, as a pull request and a merge to main would.
const PIPELINE = fileURLToPath(new URL('../../examples/ci/pipeline.sh', import.meta.url));
const CI_DIR = fileURLToPath(new URL('../../examples/ci/', import.meta.url));
const NAMESPACE = 'ci-example-dev';
const FIRST_SECRET = 'Pipeline-Secret-Value-1';
const SECOND_SECRET = 'Pipeline-Secret-Value-2';

let workspace: string;
let project: string;
let diffFile: string;
let initProgram: string;

function pipeline(...steps: string[]): Promise<KccRun> {
  return runProcess('bash', [PIPELINE, ...steps], {
    env: {
      ...process.env,
      CI: 'true',
      KCC: `${process.execPath} ${KCC_BIN}`,
      KCC_DIR: project,
      KCC_ENV: 'dev',
      KCC_KUBECONFIG: testKubeconfig(),
      KCC_HOME: testKccHome(),
      KCC_DIFF_FILE: diffFile,
    },
  });
}

/** The program `kcc init` writes, plus a Secret (its value must never reach a PR comment). */
function writeProgram(replicas: number, password: string, extra = ''): void {
  const secret = `\nnew k8s.Secret(chart, 'creds', { metadata: { name: 'creds' }, stringData: { password: '${password}' } });\n`;
  writeFileSync(join(project, 'main.ts'), initProgram.replace('replicas: 1,', `replicas: ${replicas},`) + secret + extra);
}

/** What a developer does before pushing: render and "commit" rendered/dev/. */
async function synthAndCommit(): Promise<void> {
  const synth = await runKcc(['synth', '--env', 'dev', '--out', 'rendered/dev'], { cwd: project });
  expect(synth.code, synth.stderr).toBe(0);
}

describe('examples/ci/pipeline.sh against the bundled cluster', () => {
  beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'kcc-ci-example-'));
    project = join(workspace, 'ci-example');
    diffFile = join(workspace, 'kcc-diff.md');
    const init = await runKcc(['init', 'ci-example'], { cwd: workspace });
    expect(init.code, init.stderr).toBe(0);
    initProgram = readFileSync(join(project, 'main.ts'), 'utf8');
    expect(initProgram).toContain('replicas: 1,');
    writeProgram(1, FIRST_SECRET);
    await synthAndCommit();
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('a pull request: validate and check pass, diff exits 1 with a Markdown comment, Secret masked', async () => {
    const checked = await pipeline('validate', 'check');
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toContain('rendered/dev/ is current');

    const diff = await pipeline('diff');
    expect(diff.code, diff.stderr).toBe(1);
    const comment = readFileSync(diffFile, 'utf8');
    expect(diff.stdout).toBe(comment);
    expect(comment).toMatch(/^### kcc diff: release `ci-example` in namespace `ci-example-dev`$/m);
    expect(comment).toMatch(/^\| `Deployment\/ci-example-dev\/web` \| create \| {2}\|$/m);
    expect(comment).toMatch(/^\| `Secret\/ci-example-dev\/creds` \| create \| {2}\|$/m);
    // The environment's namespace is created by apply, not diffed: the comment still says so.
    expect(comment).toContain('Namespaces created first: `ci-example-dev`.');
    expect(comment).toContain('<details><summary><code>Secret/ci-example-dev/creds</code> (create)</summary>');
    expect(comment).toMatch(/^```diff\n--- /m);
    expect(comment).not.toContain(FIRST_SECRET);
    expect(comment).not.toContain(Buffer.from(FIRST_SECRET).toString('base64'));
    // Only dry runs: nothing exists yet.
    await expect(kubectl(['get', 'namespace', NAMESPACE])).rejects.toThrow(/NotFound/);
  });

  it('main: apply deploys; the next diff exits 0 with "No changes."', async () => {
    const apply = await pipeline('apply');
    expect(apply.code, apply.stderr).toBe(0);
    expect(await kubectl(['get', 'deployment', 'web', '-n', NAMESPACE, '-o', 'jsonpath={.status.readyReplicas}'])).toBe('1');
    const password = await kubectl(['get', 'secret', 'creds', '-n', NAMESPACE, '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(password, 'base64').toString()).toBe(FIRST_SECRET);

    const diff = await pipeline('diff');
    expect(diff.code, diff.stderr).toBe(0);
    expect(readFileSync(diffFile, 'utf8')).toContain('No changes.');
  });

  it('a change: check fails until the rendered manifests are re-synthesized; diff shows it masked; apply rolls it out', async () => {
    writeProgram(2, SECOND_SECRET);
    const stale = await pipeline('validate', 'check', 'diff');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/stale \(content differs\):\n {4}rendered\/dev\/ci-example\.k8s\.yaml\n/);
    expect(stale.stderr).toContain('hint: run the same kcc synth command without --check and commit rendered/dev/');
    // The first failing step stops the script: diff did not run.
    expect(stale.stdout).not.toContain('### kcc diff');

    await synthAndCommit();
    expect((await pipeline('validate', 'check')).code).toBe(0);
    const diff = await pipeline('diff');
    expect(diff.code, diff.stderr).toBe(1);
    const comment = readFileSync(diffFile, 'utf8');
    expect(comment).toMatch(/^\| `Deployment\/ci-example-dev\/web` \| update \| {2}\|$/m);
    expect(comment).toMatch(/^\| `Secret\/ci-example-dev\/creds` \| update \| {2}\|$/m);
    expect(comment).toMatch(/^-\s+replicas: 1$/m);
    expect(comment).toMatch(/^\+\s+replicas: 2$/m);
    expect(comment).toMatch(/^-\s+password: .*\*\*\*/m);
    expect(comment).toMatch(/^\+\s+password: .*\*\*\*/m);
    for (const value of [FIRST_SECRET, SECOND_SECRET]) {
      expect(comment).not.toContain(value);
      expect(comment).not.toContain(Buffer.from(value).toString('base64'));
    }

    expect((await pipeline('apply')).code).toBe(0);
    expect(await kubectl(['get', 'deployment', 'web', '-n', NAMESPACE, '-o', 'jsonpath={.spec.replicas}'])).toBe('2');
    expect((await pipeline('diff')).code).toBe(0);
  });

  it('a change apply would refuse: diff fails the job and the comment says why, with the hint', async () => {
    await kubectl(['create', 'configmap', 'feature-flags', '-n', NAMESPACE, '--from-literal=beta=on']);
    writeProgram(2, SECOND_SECRET, `new k8s.ConfigMap(chart, 'flags', { metadata: { name: 'feature-flags' }, data: { beta: 'off' } });\n`);
    await synthAndCommit();
    const diff = await pipeline('check', 'diff');
    expect(diff.code, diff.stderr).toBe(2);
    expect(diff.stderr).toContain('kcc diff: apply would refuse this change');
    const comment = readFileSync(diffFile, 'utf8');
    expect(comment).toContain('> **Apply would refuse** (nothing would be written):');
    // The engine's words for the refusal (ownership or field conflict) are its own; the comment
    // must name the object and carry a hint.
    expect(comment).toMatch(/^> - ConfigMap\/ci-example-dev\/feature-flags\b.+/m);
    expect(comment).toMatch(/^> - hint: .*--[a-z-]+/m);
    // A dry run: the object nobody owned is as it was.
    expect(await kubectl(['get', 'configmap', 'feature-flags', '-n', NAMESPACE, '-o', 'jsonpath={.data.beta}'])).toBe('on');
  });

  it('rejects an unknown step before running anything', async () => {
    const run = await pipeline('validate', 'deploy');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown step: deploy');
  });
});

describe('the CI files', () => {
  // The steps each job runs, as text: both files must call pipeline.sh, not repeat its commands.
  const scripts = (job: Record<string, unknown>): string =>
    JSON.stringify([(job.steps as { run?: string }[] | undefined)?.map((s) => s.run), job.script, job.after_script]);

  it('GitHub Actions: check on every event, diff on pull requests, apply on pushes to main', () => {
    type Workflow = { on: Record<string, unknown>; env: Record<string, string>; jobs: Record<string, Record<string, unknown>> };
    const workflow = parse(readFileSync(join(CI_DIR, 'github-actions.yml'), 'utf8')) as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.env.PIPELINE).toBe('examples/ci/pipeline.sh');
    const { check, diff, apply } = workflow.jobs;
    expect(scripts(check!)).toContain('$PIPELINE validate check');
    expect(diff!.if).toBe("github.event_name == 'pull_request'");
    expect(scripts(diff!)).toContain('$PIPELINE diff || [ $? -eq 1 ]');
    expect(scripts(diff!)).toContain('gh pr comment');
    // It updates its own comment, found by the heading renderDiffMarkdown writes.
    expect(scripts(diff!)).toContain('startswith(\\"### kcc diff\\")');
    expect(apply!.if).toContain("github.ref == 'refs/heads/main'");
    expect(scripts(apply!)).toContain('$PIPELINE apply');
    expect(diff!.needs).toBe('check');
    expect(apply!.needs).toBe('check');
  });

  it('GitLab CI: the same steps, diff on merge requests, apply on the default branch', () => {
    const pipelineFile = parse(readFileSync(join(CI_DIR, 'gitlab-ci.yml'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(pipelineFile.stages).toEqual(['check', 'diff', 'apply']);
    expect(pipelineFile.variables!.PIPELINE).toBe('examples/ci/pipeline.sh');
    expect(scripts(pipelineFile.check!)).toContain('$PIPELINE validate check');
    expect(JSON.stringify(pipelineFile.diff!.rules)).toContain('merge_request_event');
    expect(scripts(pipelineFile.diff!)).toContain('$PIPELINE diff || [ $? -eq 1 ]');
    expect(scripts(pipelineFile.diff!)).toContain('/merge_requests/$CI_MERGE_REQUEST_IID/notes');
    expect(JSON.stringify(pipelineFile.apply!.rules)).toContain('$CI_DEFAULT_BRANCH');
    expect(scripts(pipelineFile.apply!)).toContain('$PIPELINE apply');
  });
});
