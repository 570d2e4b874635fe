import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKccHome } from './shared-cluster.js';

// The cluster lifecycle through the real CLI and real processes: each test works on clusters of
// its own (not the shared one), in this run's private KCC_HOME.
const env = () => ({ KCC_HOME: testKccHome() });
const kcc = (...args: string[]) => runKcc(args, { env: env() });
const stateDir = (name: string) => join(testKccHome(), 'clusters', name);

function pidsOf(name: string): number[] {
  const dir = join(stateDir(name), 'pids');
  return ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']
    .map((component) => join(dir, `${component}.pid`))
    .filter((file) => existsSync(file))
    .map((file) => Number(readFileSync(file, 'utf8').trim()));
}

/** Alive and not a zombie (an exited child that its new parent has not reaped yet). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const deploymentYaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx:1.27}]}
`;

describe('kcc cluster (local provider)', () => {
  afterAll(async () => {
    for (const name of ['life', 'second', 'sched']) await kcc('cluster', 'down', '--name', name, '--purge');
  });

  it('runs a Deployment on simulated nodes, keeps it across down/up, and purges without leftovers', async () => {
    const up = await kcc('cluster', 'up', '--name', 'life', '--nodes', '2', '--output', 'json');
    expect(up.code, up.stderr).toBe(0);
    const info = JSON.parse(up.stdout) as { kubeconfigPath: string; server: string };
    const kubeconfig = info.kubeconfigPath;

    const nodes = await kubectl(['get', 'nodes', '-o', 'name'], { kubeconfig });
    expect(nodes.trim().split('\n')).toHaveLength(2);

    await kubectl(['apply', '-f', '-'], { kubeconfig, input: deploymentYaml });
    const readyPods = async (count: number) => {
      const pods = JSON.parse(await kubectl(['get', 'pods', '-l', 'app=web', '-o', 'json'], { kubeconfig })) as { items: { spec: { nodeName?: string }; status: { conditions?: { type: string; status: string }[] } }[] };
      const ready = pods.items.filter((pod) => pod.spec.nodeName && pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === count && pods.items.length === count;
    };
    await waitUntil(() => readyPods(3));
    await kubectl(['wait', '--for=condition=Available', 'deployment/web', '--timeout=60s'], { kubeconfig });

    await kubectl(['scale', 'deployment/web', '--replicas=5'], { kubeconfig });
    await waitUntil(() => readyPods(5));

    const pidsBefore = pidsOf('life');
    expect(pidsBefore).toHaveLength(5);
    const down = await kcc('cluster', 'down', '--name', 'life');
    expect(down.code, down.stderr).toBe(0);
    expect(pidsBefore.filter(alive)).toEqual([]);
    expect(existsSync(join(stateDir('life'), 'etcd'))).toBe(true);

    const again = await kcc('cluster', 'up', '--name', 'life');
    expect(again.code, again.stderr).toBe(0);
    const deployment = JSON.parse(await kubectl(['get', 'deployment', 'web', '-o', 'json'], { kubeconfig })) as { spec: { replicas: number } };
    expect(deployment.spec.replicas).toBe(5);
    await waitUntil(() => readyPods(5));

    const pidsAfter = pidsOf('life');
    const purge = await kcc('cluster', 'down', '--name', 'life', '--purge');
    expect(purge.code, purge.stderr).toBe(0);
    expect(pidsAfter.filter(alive)).toEqual([]);
    expect(existsSync(stateDir('life'))).toBe(false);
  });

  it('reports a killed API server and repairs it on the next up; a second cluster runs beside it', async () => {
    const [first, second] = await Promise.all([kcc('cluster', 'up', '--name', 'life'), kcc('cluster', 'up', '--name', 'second')]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const [lifeConfig, secondConfig] = await Promise.all([kcc('cluster', 'kubeconfig', '--name', 'life', '--path'), kcc('cluster', 'kubeconfig', '--name', 'second', '--path')]);
    expect(lifeConfig.stdout.trim()).not.toBe(secondConfig.stdout.trim());
    for (const config of [lifeConfig, secondConfig]) expect(await kubectl(['get', 'nodes'], { kubeconfig: config.stdout.trim() })).toContain('Ready');
    const scoped = await kcc('cluster', 'kubeconfig', '--name', 'second', '--namespace', 'team-a');
    expect(scoped.stdout).toMatch(/namespace: team-a/);

    const list = JSON.parse((await kcc('cluster', 'list', '--output', 'json')).stdout) as { name: string; state: string }[];
    expect(list.filter((c) => ['life', 'second'].includes(c.name)).map((c) => c.state)).toEqual(['running', 'running']);

    const apiserverPid = Number(readFileSync(join(stateDir('life'), 'pids', 'kube-apiserver.pid'), 'utf8'));
    process.kill(-apiserverPid, 'SIGKILL');
    await waitUntil(async () => !alive(apiserverPid), 10_000);

    const status = await kcc('cluster', 'status', '--name', 'life', '--output', 'json');
    expect(status.code).toBe(1);
    const report = JSON.parse(status.stdout) as { state: string; components: { name: string; running: boolean }[] };
    expect(report.state).toBe('degraded');
    expect(report.components.find((c) => c.name === 'kube-apiserver')?.running).toBe(false);

    const repaired = await kcc('cluster', 'up', '--name', 'life');
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toContain('repairing');
    const healthy = await kcc('cluster', 'status', '--name', 'life', '--output', 'json');
    expect(healthy.code, healthy.stdout).toBe(0);
    expect(JSON.parse(healthy.stdout).state).toBe('running');

    const noop = await kcc('cluster', 'up', '--name', 'second');
    expect(noop.stdout).toContain('already running');
  });

  it('refuses bad input with one clear line and a non-zero exit', async () => {
    const badName = await kcc('cluster', 'up', '--name', 'Bad_Name!');
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/invalid cluster name "Bad_Name!"/);
    expect(badName.stderr).not.toMatch(/\n\s+at /);

    const missing = await kcc('cluster', 'down', '--name', 'does-not-exist');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no local cluster named "does-not-exist"');
    // The name may come first, as an argument; given twice, differently, it is refused.
    const positional = await kcc('cluster', 'status', 'does-not-exist');
    expect(positional.code).toBe(1);
    expect(positional.stderr).toContain('there is no local cluster named "does-not-exist"');
    const twice = await kcc('cluster', 'status', 'one', '--name', 'two');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('two cluster names given: "one" and --name two');

    const blocker: Server = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      const busy = await kcc('cluster', 'up', '--name', 'busy', '--api-port', String(port));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`port ${port}`);
      expect(busy.stderr).toContain('already in use');
    } finally {
      blocker.close();
    }

    const corrupt = stateDir('corrupt');
    await kcc('cluster', 'up', '--name', 'corrupt', '--nodes', '0').then((r) => expect(r.code, r.stderr).toBe(0));
    await kcc('cluster', 'down', '--name', 'corrupt');
    writeFileSync(join(corrupt, 'state.json'), '{ not json');
    const damaged = await kcc('cluster', 'up', '--name', 'corrupt');
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain('damaged');
    expect(damaged.stderr).toContain('--purge');
    const purged = await kcc('cluster', 'down', 'corrupt', '--purge');
    expect(purged.code, purged.stderr).toBe(0);
  });

  it('runs extra scheduler profiles from a KubeSchedulerConfiguration', async () => {
    const config = new URL('../../examples/scheduler-config/two-schedulers.yaml', import.meta.url).pathname;
    const up = await kcc('cluster', 'up', '--name', 'sched', '--scheduler-config', config, '--output', 'json');
    expect(up.code, up.stderr).toBe(0);
    const kubeconfig = (JSON.parse(up.stdout) as { kubeconfigPath: string }).kubeconfigPath;
    const pod = (name: string, scheduler: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default}\nspec: {schedulerName: ${scheduler}, containers: [{name: c, image: nginx}]}\n---\n`;
    await kubectl(['apply', '-f', '-'], { kubeconfig, input: pod('by-profile', 'my-scheduler') + pod('by-nobody', 'no-such-scheduler') });
    const nodeOf = async (name: string) => (await kubectl(['get', 'pod', name, '-o', 'jsonpath={.spec.nodeName}'], { kubeconfig })).trim();
    await waitUntil(async () => (await nodeOf('by-profile')) !== '');
    expect(await nodeOf('by-nobody')).toBe('');

    const bad = await kcc('cluster', 'up', '--name', 'sched', '--scheduler-config', config.replace('two-schedulers', 'missing'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('does not exist');
  });
});
