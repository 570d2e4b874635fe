#!/usr/bin/env node
// kcc apply vs kubectl apply --server-side on the same bundled cluster, in one run:
// N objects (Deployments, Services, ConfigMaps in equal parts) applied fresh, re-applied unchanged,
// then re-applied with 10 of them changed. Each tool works in its own namespace, so both start
// from nothing; the phases alternate tools so both see the same cluster load.
//
//   npm run build && node bench/apply/run.mjs [--n 1000] [--runs 1] [--kubeconfig FILE] [--keep]
//
// Without --kubeconfig a private bundled cluster is started (KCC_HOME in a temp dir) and removed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const N = Number(option('n', 1000));
const RUNS = Number(option('runs', 1));
const work = mkdtempSync(join(tmpdir(), 'kcc-bench-apply-'));

let kubeconfig = option('kubeconfig');
let provider;
if (!kubeconfig) {
  process.env.KCC_HOME = join(work, 'home');
  const { LocalProvider } = await import(join(root, 'dist/cluster/local/local-provider.js'));
  provider = new LocalProvider();
  kubeconfig = (await provider.up({ name: 'bench-apply', nodes: 1 })).kubeconfigPath;
}

/** N objects in one namespace; `changed` objects differ from the base (5 Deployments' image, 5 ConfigMaps' data). */
function manifests(namespace, changed = 0) {
  const per = Math.ceil(N / 3);
  const docs = [];
  for (let i = 0; i < per; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    const image = i < changed / 2 ? 'nginx:1.27' : 'nginx:1.25';
    const data = i < changed / 2 ? 'v2' : 'v1';
    docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  version: ${data}\n  mode: fast`);
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n    targetPort: 8080`);
    // replicas: 0 keeps the controllers from creating N pods, which would load the shared
    // cluster differently for whichever tool runs second; apply cost is what is measured.
    docs.push(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  replicas: 0\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: app\n        image: ${image}\n        ports:\n        - containerPort: 8080`);
  }
  return docs.slice(0, N).join('\n---\n') + '\n';
}

function file(name, text) {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function timed(command, commandArgs) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed (${result.status}):\n${result.stderr}\n${result.stdout}`.slice(0, 4000));
  return seconds;
}

const kubectl = (...a) => execFileSync('kubectl', ['--kubeconfig', kubeconfig, ...a], { encoding: 'utf8' });
const kccApply = (path, namespace) => timed(process.execPath, [join(root, 'bin/kcc.js'), 'apply', '-f', path, '--release', 'bench', '-n', namespace, '--kubeconfig', kubeconfig, '--no-wait']);
const kubectlApply = (path) => timed('kubectl', ['--kubeconfig', kubeconfig, 'apply', '--server-side', '-f', path]);

const phases = ['fresh', 'no-op', '10 changed'];
const results = { kcc: { fresh: [], 'no-op': [], '10 changed': [] }, kubectl: { fresh: [], 'no-op': [], '10 changed': [] } };
try {
  for (let run = 0; run < RUNS; run++) {
    const nsKcc = `bench-kcc-${run}`;
    const nsKubectl = `bench-kubectl-${run}`;
    kubectl('create', 'namespace', nsKcc);
    kubectl('create', 'namespace', nsKubectl);
    const inputs = {
      kcc: [file(`kcc-${run}-base.yaml`, manifests(nsKcc)), file(`kcc-${run}-changed.yaml`, manifests(nsKcc, 10))],
      kubectl: [file(`kubectl-${run}-base.yaml`, manifests(nsKubectl)), file(`kubectl-${run}-changed.yaml`, manifests(nsKubectl, 10))],
    };
    const order = run % 2 === 0 ? ['kubectl', 'kcc'] : ['kcc', 'kubectl'];
    for (const [p, phase] of phases.entries()) {
      for (const tool of order) {
        const input = inputs[tool][p === 2 ? 1 : 0];
        const seconds = tool === 'kcc' ? kccApply(input, nsKcc) : kubectlApply(input);
        results[tool][phase].push(seconds);
        console.log(`run ${run + 1} ${phase.padEnd(10)} ${tool.padEnd(7)} ${seconds.toFixed(2)} s`);
      }
    }
    const count = Number(kubectl('get', 'deployments,services,configmaps', '-n', nsKcc, '-l', 'applyset.kubernetes.io/part-of', '-o', 'name').trim().split('\n').length);
    if (count !== N) throw new Error(`kcc namespace holds ${count} objects, expected ${N}`);
    // Both tools really applied the change.
    for (const ns of [nsKcc, nsKubectl]) {
      const version = kubectl('get', 'configmap', 'app-0000', '-n', ns, '-o', 'jsonpath={.data.version}');
      const image = kubectl('get', 'deployment', 'app-0004', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}');
      if (version !== 'v2' || image !== 'nginx:1.27') throw new Error(`${ns}: the 10 changes were not applied (${version}, ${image})`);
    }
  }
} finally {
  if (provider && !args.includes('--keep')) await provider.down('bench-apply', { purge: true });
  rmSync(work, { recursive: true, force: true });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`\n| phase (${N} objects) | kubectl apply --server-side | kcc apply | kcc faster by | goal |`);
console.log('|---|---|---|---|---|');
const goals = { fresh: 3, 'no-op': 10, '10 changed': 10 };
for (const phase of phases) {
  const k = median(results.kubectl[phase]);
  const c = median(results.kcc[phase]);
  console.log(`| ${phase} | ${k.toFixed(2)} s | ${c.toFixed(2)} s | ${(k / c).toFixed(1)}× | ≥${goals[phase]}× ${k / c >= goals[phase] ? 'met' : 'not met'} |`);
}
