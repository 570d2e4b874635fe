#!/usr/bin/env node
// Synth benchmark: kcc vs cdk8s (ts-node and precompiled) vs the floor (the `yaml` library alone).
// Usage: node bench/synth/run.mjs [--n 1000,5000] [--runs 3] [--write]   (after `npm run build`)
// Every number is a whole process, wall time (median of --runs) and peak RSS, as a user runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(here, 'work');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const sizes = option('n', '1000,5000').split(',').map(Number);
const runs = Number(option('runs', '3'));
const bin = (name) => join(root, 'node_modules', '.bin', name);

function setup() {
  rmSync(work, { recursive: true, force: true });
  for (const [dir, app] of [['cdk8s-ts', 'npx ts-node main.ts'], ['cdk8s-js', 'node main.js'], ['cdk8s-chained', 'node main.js']]) {
    mkdirSync(join(work, dir), { recursive: true });
    writeFileSync(join(work, dir, 'package.json'), JSON.stringify({ name: dir, private: true, type: 'commonjs' }));
    writeFileSync(join(work, dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] } }));
    writeFileSync(join(work, dir, 'cdk8s.yaml'), `language: typescript\napp: ${app}\n`);
  }
  copyFileSync(join(here, 'programs/cdk8s-main.ts'), join(work, 'cdk8s-ts/main.ts'));
  copyFileSync(join(here, 'programs/cdk8s-main.ts'), join(work, 'cdk8s-js/main.ts'));
  copyFileSync(join(here, 'programs/cdk8s-chained.ts'), join(work, 'cdk8s-chained/main.ts'));
  for (const dir of ['cdk8s-js', 'cdk8s-chained']) execFileSync(bin('tsc'), ['-p', '.'], { cwd: join(work, dir), stdio: 'inherit' });
}

/** One whole-process run under /usr/bin/time: seconds and peak RSS in MB. */
function measure(command, commandArgs, { cwd = root, env = {}, timeout } = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...commandArgs], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout, maxBuffer: 1 << 30 });
  if (result.error?.code === 'ETIMEDOUT' || result.signal) return { seconds: Infinity, cpu: Infinity, rssMb: NaN, timedOut: true };
  const last = result.stderr.trim().split('\n').pop();
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed:\n${result.stderr}`);
  const [seconds, user, system, kb] = last.split(' ').map(Number);
  return { seconds, cpu: user + system, rssMb: kb / 1024 };
}

function median(results) {
  const sorted = [...results].sort((a, b) => a.seconds - b.seconds);
  const mid = sorted[Math.floor(sorted.length / 2)];
  const cpus = results.map((r) => r.cpu).sort((a, b) => a - b);
  return { seconds: mid.seconds, cpu: cpus[Math.floor(cpus.length / 2)], rssMb: Math.max(...results.map((r) => r.rssMb)) };
}

/** Median of `times` runs of `fn`, one after the other. */
function repeat(times, fn) {
  return median(Array.from({ length: times }, fn));
}

function countDocuments(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .reduce((sum, f) => sum + readFileSync(join(dir, f), 'utf8').split(/^---$/m).length, 0);
}

setup();
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const kccArgs = (program, out, bin = join(root, 'bin/kcc.js')) => [bin, 'synth', '-a', join(here, 'programs', program), '--out', out];
// Optional: the same kcc build run through another bin/kcc.js (e.g. a copy with an oclif manifest).
const compareBin = option('compare-bin', undefined);
const rows = [];
for (const n of sizes) {
  const env = { BENCH_N: String(n) };
  const kccOut = join(work, `kcc-out-${n}`);
  const cold = measure('node', kccArgs('kcc-main.ts', kccOut), { env: { ...env, KCC_CACHE_DIR: join(work, `cold-cache-${n}`) } });
  // One untimed run fills the transpile cache (the timed runs measure a repeated synth), then
  // the tools take turns within every run, so changing machine load affects them alike.
  measure('node', kccArgs('kcc-main.ts', kccOut), { env });
  // The cdk8s program itself (cdk8s-plus-32's imports/k8s), run unmodified by kcc's cdk8s layer.
  const kccCdk8sOut = join(work, `kcc-cdk8s-out-${n}`);
  measure('node', kccArgs('cdk8s-main.ts', kccCdk8sOut), { env });
  const tools = {
    kcc: () => measure('node', kccArgs('kcc-main.ts', kccOut), { env }),
    kccCdk8s: () => measure('node', kccArgs('cdk8s-main.ts', kccCdk8sOut), { env }),
    floor: () => measure('node', [join(here, 'programs/floor.mjs'), join(work, `floor-${n}.yaml`)], { env }),
    tsNode: () => measure(bin('cdk8s'), ['synth'], { cwd: join(work, 'cdk8s-ts'), env }),
    precompiled: () => measure(bin('cdk8s'), ['synth'], { cwd: join(work, 'cdk8s-js'), env }),
    ...(compareBin ? { compare: () => measure('node', kccArgs('kcc-main.ts', kccOut, compareBin), { env }) } : {}),
  };
  const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) for (const [name, tool] of Object.entries(tools)) samples[name].push(tool());
  const { kcc, kccCdk8s, floor, tsNode, precompiled } = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
  const compare = samples.compare ? median(samples.compare) : undefined;
  const documents = { kcc: countDocuments(kccOut), kccCdk8s: countDocuments(kccCdk8sOut), cdk8s: countDocuments(join(work, 'cdk8s-js/dist')) };
  rows.push({ n, objects: 3 * n, cold, kcc, kccCdk8s, compare, floor, tsNode, precompiled, documents });
  console.log(JSON.stringify(rows.at(-1)));
}
const chained = repeat(runs, () => measure('node', kccArgs('kcc-chained.ts', join(work, 'kcc-chained-out'))));
const chainedLimit = Number(option('chained-timeout', '30'));
const cdk8sChained = measure('node', [join(work, 'cdk8s-chained/main.js')], { cwd: join(work, 'cdk8s-chained'), timeout: chainedLimit * 1000 });

const f = (s) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : `> ${chainedLimit} s (killed)`);
const cell = (m) => `${f(m.seconds)} (cpu ${f(m.cpu)})`;
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;
const lines = [
  '| N (objects) | kcc synth | kcc, cold cache | cdk8s synth, ts-node | cdk8s synth, precompiled | floor (`yaml` alone) | kcc peak RSS |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.n} (${r.objects}) | ${cell(r.kcc)} | ${cell(r.cold)} | ${cell(r.tsNode)} | ${cell(r.precompiled)} | ${cell(r.floor)} | ${r.kcc.rssMb.toFixed(0)} MB |`),
  '',
  '| N | kcc vs cdk8s ts-node (goal ≥ 5×) | kcc vs cdk8s precompiled (goal ≥ 3×) | kcc / floor (goal ≤ 3×) |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.n} | ${ratio(r.tsNode.seconds, r.kcc.seconds)} wall, ${ratio(r.tsNode.cpu, r.kcc.cpu)} cpu | ${ratio(r.precompiled.seconds, r.kcc.seconds)} wall, ${ratio(r.precompiled.cpu, r.kcc.cpu)} cpu | ${ratio(r.kcc.seconds, r.floor.seconds)} wall, ${ratio(r.kcc.cpu, r.floor.cpu)} cpu |`),
  '',
  'The cdk8s program (`programs/cdk8s-main.ts`: `cdk8s` + cdk8s-plus-32 `imports/k8s`) run unmodified by `kcc synth` (kcc resolves `cdk8s` to its own layer, `kcc/cdk8s`):',
  '',
  '| N | kcc synth of the cdk8s program | cdk8s synth, precompiled | kcc vs cdk8s precompiled (goal ≥ 3×) |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.n} | ${cell(r.kccCdk8s)} | ${cell(r.precompiled)} | ${ratio(r.precompiled.seconds, r.kccCdk8s.seconds)} wall, ${ratio(r.precompiled.cpu, r.kccCdk8s.cpu)} cpu |`),
  '',
  ...(compareBin
    ? ['', `With an oclif manifest (\`${compareBin}\`, same build): ${rows.map((r) => `N=${r.n}: ${cell(r.compare)}, ${ratio(r.tsNode.seconds, r.compare.seconds)} / ${ratio(r.precompiled.seconds, r.compare.seconds)} faster than cdk8s ts-node / precompiled, ${ratio(r.compare.seconds, r.floor.seconds)} of the floor`).join('; ')}.`, '']
    : []),
  `8 charts, each depending on the previous one, 5 objects each: kcc synth ${cell(chained)} (whole process); cdk8s (precompiled, plain node main.js) ${cell(cdk8sChained)}.`,
];
// Where kcc's time goes, per phase, in one process (CPU ms): see phases.mjs.
for (const n of sizes) {
  const phases = execFileSync('node', [join(here, 'phases.mjs')], { env: { ...process.env, BENCH_N: String(n) }, encoding: 'utf8' }).trim();
  lines.push('', `kcc CPU by phase, N=${n}: ${phases}.`);
}
const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
lines.push(
  '',
  `Load average before/after: ${loadBefore} / ${loadAfter} on ${readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? '?'} CPUs.`,
  'When other work shares the machine, wall times swing by 2x between runs; CPU time (user + system, all threads) is the stable comparison.',
);
console.log(lines.join('\n'));

if (args.includes('--write')) {
  const resultsFile = join(root, 'bench/RESULTS.md');
  const existing = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '# Benchmark results\n';
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
  const section = [
    '## synth',
    '',
    `Command: \`node bench/synth/run.mjs ${args.join(' ')}\` (after \`npm run build\`), ${new Date().toISOString().slice(0, 10)}, ${cpu}, Node ${process.version}.`,
    'Whole processes, wall time, median of the runs (the tools take turns within each run); peak RSS is the largest of the runs. N Deployments + N Services + N ConfigMaps in one chart,',
    'typed classes on both sides (`kcc/k8s`, cdk8s-plus-32 `imports/k8s`). "cold cache" is the first run of a program (transpile cache empty, TypeScript loaded).',
    '',
    ...lines,
    '',
  ].join('\n');
  const pattern = /## synth\n[\s\S]*?(?=\n## |$)/;
  writeFileSync(resultsFile, pattern.test(existing) ? existing.replace(pattern, section) : `${existing.trimEnd()}\n\n${section}`);
  console.log(`wrote ${resultsFile}`);
}
