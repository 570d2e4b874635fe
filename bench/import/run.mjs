// `kcc import` against `cdk8s import` on the CRD sets of ../shared/corpus/crds (read in place),
// in the same run, taking turns. Whole processes, wall time; median of the runs.
//   npm run build && node bench/import/run.mjs [--runs 3]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpus = join(root, '..', 'shared', 'corpus', 'crds');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? 3 : Number(process.argv[runsArg + 1]);
const kcc = join(root, 'bin', 'kcc.js');
const cdk8s = join(root, 'node_modules', '.bin', 'cdk8s');

function timed(command, args, cwd) {
  const started = performance.now();
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
  return (performance.now() - started) / 1000;
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

console.log(`| CRD set | files | kcc import | cdk8s import | cdk8s / kcc |`);
console.log(`|---|---|---|---|---|`);
for (const set of readdirSync(corpus, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  // cdk8s import takes CRD files only (no directories, no other kinds).
  const files = readdirSync(join(corpus, set))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(corpus, set, f))
    .filter((f) => /^kind: CustomResourceDefinition$/m.test(readFileSync(f, 'utf8')));
  const times = { kcc: [], cdk8s: [] };
  for (let run = 0; run < runs; run++) {
    const work = mkdtempSync(join(tmpdir(), 'kcc-bench-import-'));
    times.kcc.push(timed(process.execPath, [kcc, 'import', ...files, '-o', join(work, 'kcc')], work));
    times.cdk8s.push(timed(cdk8s, ['import', ...files, '-l', 'typescript', '-o', join(work, 'cdk8s')], work));
    rmSync(work, { recursive: true, force: true });
  }
  const k = median(times.kcc);
  const c = median(times.cdk8s);
  console.log(`| ${set} | ${files.length} | ${k.toFixed(1)} s | ${c.toFixed(1)} s | ${(c / k).toFixed(2)}x |`);
}
