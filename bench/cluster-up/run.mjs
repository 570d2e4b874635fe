// bench/cluster-up: time from `kcc cluster up` to Ready (binaries already built) and the RSS of
// every process of the cluster, over several fresh clusters. kind and minikube need Docker, which
// this machine does not run, so their published figures are quoted in RESULTS.md instead.
//   node bench/cluster-up/run.mjs [runs=3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 3);
const kcc = fileURLToPath(new URL('../../bin/kcc.js', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'kcc-bench-'));
const env = { ...process.env, KCC_HOME: home, CI: 'true' };
const run = (...args) => spawnSync(process.execPath, [kcc, ...args], { env, encoding: 'utf8' });

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

const results = [];
for (let i = 0; i < runs; i++) {
  const name = `bench-${i}`;
  const started = process.hrtime.bigint();
  const up = run('cluster', 'up', '--name', name, '--nodes', '1');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (up.status !== 0) throw new Error(up.stderr);
  await new Promise((resolve) => setTimeout(resolve, 5000)); // let controllers settle before measuring memory
  const pidsDir = join(home, 'clusters', name, 'pids');
  const perComponent = Object.fromEntries(readdirSync(pidsDir).map((file) => [file.replace('.pid', ''), rssOf(Number(readFileSync(join(pidsDir, file), 'utf8')))]));
  const total = Object.values(perComponent).reduce((a, b) => a + b, 0);
  results.push({ seconds, total, perComponent });
  console.log(`run ${i + 1}: ready in ${seconds.toFixed(2)} s, RSS ${(total / 2 ** 20).toFixed(0)} MiB (${Object.entries(perComponent).map(([c, v]) => `${c} ${(v / 2 ** 20).toFixed(0)}`).join(', ')})`);
  run('cluster', 'down', '--name', name, '--purge');
}
rmSync(home, { recursive: true, force: true });
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(`median: ${median(results.map((r) => r.seconds)).toFixed(2)} s to Ready, ${(median(results.map((r) => r.total)) / 2 ** 20).toFixed(0)} MiB RSS`);
console.log('goal: < 10 s and < 1536 MiB; kind: 12-17 s to API server, ~60 s with --wait; minikube: 21-28 s');
