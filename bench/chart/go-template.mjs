#!/usr/bin/env node
// Go-template (Helm) chart benchmark: kcc's route for Helm charts (Helm's own engine, kcc-helm,
// built from helm.sh/helm/v4) against `helm template` on the same chart, at 1 release and at
// 50 releases. Usage (after `npm run build` and `npm run build:helm-engine`):
//   node bench/chart/go-template.mjs [--apps 20] [--releases 50] [--runs 3] [--chart DIR]
// helm needs one process per release; kcc renders every release of a project in one engine call
// (src/chart/go-template/engine-client.ts batches them), so the 50-release row compares 50 helm
// processes with one kcc process. Every number is a whole process (or processes), wall and CPU.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { helmBinary, here, option, root } from './bench-setup.mjs';

const work = join(root, 'bench', '.work', 'chart-go');
const apps = Number(option('apps', '20'));
const releases = Number(option('releases', '50'));
const runs = Number(option('runs', '3'));
const chart = resolve(option('chart', join(here, 'charts/helm-apps')));
mkdirSync(work, { recursive: true });


const values = join(work, `values-${apps}.yaml`);
let text = 'apps:\n';
for (let i = 0; i < apps; i++) text += `  - name: app-${i}\n    image: registry.example.com/team/app-${i}:1.${i % 40}.0\n    replicas: ${(i % 3) + 1}\n    port: 8080\n`;
writeFileSync(values, text);

/** Wall and CPU seconds of a run of commands, one after the other (children's CPU included). */
function measure(commands) {
  const before = process.cpuUsage();
  const started = process.hrtime.bigint();
  let childCpu = 0;
  for (const [command, commandArgs] of commands) {
    const result = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...commandArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr.slice(0, 2000)}`);
    const [user, system] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
    childCpu += user + system;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  void before;
  return { seconds, cpu: childCpu };
}

const median = (samples) => {
  const sorted = [...samples].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor(sorted.length / 2)];
};

const helm = helmBinary(work);
const kcc = join(root, 'bin', 'kcc.js');
// kcc's library: every release asked for at once, so one kcc-helm process renders them all.
const manyScript = join(work, 'kcc-releases.mjs');
writeFileSync(
  manyScript,
  `const { renderChart } = await import(${JSON.stringify(join(root, 'dist/chart/render-chart.js'))});
const [chart, values, count, validate] = process.argv.slice(2);
const rendered = await Promise.all(Array.from({ length: Number(count) }, (_, i) => renderChart(chart, { releaseName: 'bench-' + i, valueFiles: [values], includeCrds: false, validate: validate === 'yes' })));
process.stdout.write(String(rendered.reduce((sum, r) => sum + r.objects.length, 0)) + '\\n');
`,
);
const helmRun = (name) => [helm, ['template', name, chart, '-f', values]];
const tools = {
  1: {
    helm: [helmRun('bench-0')],
    'kcc template': [[process.execPath, [kcc, 'template', chart, '--name', 'bench-0', '-f', values]]],
    'kcc template --no-validate': [[process.execPath, [kcc, 'template', chart, '--name', 'bench-0', '-f', values, '--no-validate']]],
  },
  [releases]: {
    helm: Array.from({ length: releases }, (_, i) => helmRun(`bench-${i}`)),
    'kcc library, one process': [[process.execPath, [manyScript, chart, values, String(releases), 'yes']]],
    'kcc library, one process, no validation': [[process.execPath, [manyScript, chart, values, String(releases), 'no']]],
  },
};

// One untimed run of each first: fills kcc's caches (validators, the engine binary) as a user's first run does.
for (const row of Object.values(tools)) for (const commands of Object.values(row)) measure(commands.slice(0, 1));

const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
const lines = ['| releases | tool | wall s | CPU s | helm ÷ tool, wall | helm ÷ tool, CPU |', '|---|---|---|---|---|---|'];
for (const [count, row] of Object.entries(tools)) {
  const samples = Object.fromEntries(Object.keys(row).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) for (const [name, commands] of Object.entries(row)) samples[name].push(measure(commands));
  const results = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
  for (const [name, r] of Object.entries(results)) {
    lines.push(`| ${count} | ${name} | ${r.seconds.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(results.helm.seconds / r.seconds).toFixed(2)}× | ${(results.helm.cpu / r.cpu).toFixed(2)}× |`);
  }
}
lines.push('', `Chart ${chart.replace(`${root}/`, '')} with ${apps} apps (${2 * apps} objects a release); helm ${execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim()}; median of ${runs} runs.`);
lines.push(`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${new Date().toISOString().slice(0, 16)}Z).`);
console.log(lines.join('\n'));
