#!/usr/bin/env node
// Validation benchmark: kcc validate vs kubeconform on the real-manifest corpus, in one run.
//   npm run build && node bench/validate/run.mjs [--runs 5]
// Both tools get the same files (every .yaml/.yml/.json of ../shared/corpus/validate-real, hidden
// directories included) as arguments and run as CLIs, process start included, taking turns within
// each run so both see the same machine load. kubeconform (pinned below) is built with `go install`
// into ~/.cache/kcc/bench/bin on first use; it reads kcc's schemas/k8s/, which `npm run gen`
// generates from the pinned OpenAPI snapshot, so the run is offline and both tools check the same
// Kubernetes release. Wall and CPU (user + system) come from /usr/bin/time.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const KUBECONFORM_MODULE = 'github.com/yannh/kubeconform/cmd/kubeconform@v0.7.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = join(root, '..', 'shared', 'corpus', 'validate-real');
const kcc = join(root, 'bin', 'kcc.js');
const runsFlag = process.argv.indexOf('--runs');
const runs = runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1]);

function manifestFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...manifestFiles(path));
    else if (/\.(ya?ml|json)$/.test(entry.name) && entry.name !== 'apiserver-verdicts.json') files.push(path);
  }
  return files;
}

function kubeconform() {
  if (process.env.KUBECONFORM) return process.env.KUBECONFORM;
  const bin = join(homedir(), '.cache', 'kcc', 'bench', 'bin');
  const path = join(bin, 'kubeconform');
  if (!existsSync(path)) {
    console.error(`building ${KUBECONFORM_MODULE} into ${bin}`);
    execFileSync('go', ['install', KUBECONFORM_MODULE], { env: { ...process.env, GOBIN: bin }, stdio: 'inherit' });
  }
  return path;
}

/** Runs a command under /usr/bin/time: wall, user + system CPU, peak RSS. */
function measure(command, args) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const timing = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall: timing[0], cpu: timing[1] + timing[2], rssMb: timing[3] / 1024, status: result.status, stdout: result.stdout };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const files = manifestFiles(corpus);
const tools = {
  'kcc validate': () => measure(process.execPath, [kcc, 'validate', '--output', 'json', ...files]),
  kubeconform: () => {
    const schemas = `${join(root, 'schemas', 'k8s')}/{{ .ResourceKind }}{{ .KindSuffix }}.json`;
    return measure(kubeconform(), ['-strict', '-ignore-missing-schemas', '-summary', '-output', 'json', '-schema-location', schemas, ...files]);
  },
};

const samples = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
for (let run = 0; run < runs; run++) {
  for (const [name, runTool] of Object.entries(tools)) samples[name].push(runTool());
}

const kccReport = JSON.parse(samples['kcc validate'][0].stdout);
const kubeconformReport = JSON.parse(samples.kubeconform[0].stdout);
console.log(`${files.length} files; kcc: ${kccReport.objects} objects, ${kccReport.errors} errors; kubeconform: ${JSON.stringify(kubeconformReport.summary)}`);
console.log(`${runs} runs, median (peak RSS: largest)`);
console.log('| tool | wall | cpu | peak RSS |');
console.log('|---|---|---|---|');
for (const [name, list] of Object.entries(samples)) {
  const wall = median(list.map((s) => s.wall));
  const cpu = median(list.map((s) => s.cpu));
  console.log(`| ${name} | ${wall.toFixed(2)} s | ${cpu.toFixed(2)} s | ${Math.max(...list.map((s) => s.rssMb)).toFixed(0)} MB |`);
}
const ratio = (field) => median(samples.kubeconform.map((s) => s[field])) / median(samples['kcc validate'].map((s) => s[field]));
console.log(`kcc vs kubeconform: ${ratio('wall').toFixed(2)}x wall, ${ratio('cpu').toFixed(2)}x cpu (goal >= 1.5x both)`);
