#!/usr/bin/env node
// Start-up cost of `kcc version` against plain `node -e 0` (the floor for any Node CLI) and the
// compiled peers (`kubectl version --client`, `helm version` when on PATH), and of `kcc build` on a
// small real kustomization root against `kubectl kustomize` on the same root (read in place from
// ../shared/corpus), interleaved within each round so all see the same machine load. Wall time per
// process, median of the rounds.
//
//   npm run build && node bench/startup/run.mjs [--rounds 21]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 21);
const kcc = fileURLToPath(new URL('../../bin/kcc.js', import.meta.url));
const onPath = (command) => spawnSync(command, ['version', '--client'], { stdio: 'ignore' }).status === 0;
const tools = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'kcc version': [process.execPath, [kcc, 'version']],
  ...(onPath('kubectl') ? { 'kubectl version --client': ['kubectl', ['version', '--client']] } : {}),
  ...(spawnSync('helm', ['version'], { stdio: 'ignore' }).status === 0 ? { 'helm version': ['helm', ['version']] } : {}),
};
// A typical small root: one Deployment and one Service, no generators.
const smallRoot = fileURLToPath(new URL('../../../shared/corpus/kustomize-real/kustomize/api/krusty/testdata/remoteload/multibase/base', import.meta.url));
if (existsSync(smallRoot)) {
  tools['kcc build (small root)'] = [process.execPath, [kcc, 'build', smallRoot]];
  if (onPath('kubectl')) tools['kubectl kustomize (small root)'] = ['kubectl', ['kustomize', smallRoot]];
}
const times = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, [command, args]] of Object.entries(tools)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}`);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
  }
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const floor = median(times['node -e 0']);
console.log(`| command | median of ${rounds} | × node -e 0 |`);
console.log('|---|---|---|');
for (const [name, values] of Object.entries(times)) console.log(`| ${name} | ${median(values).toFixed(0)} ms | ${(median(values) / floor).toFixed(2)}× |`);
if (times['kubectl kustomize (small root)']) {
  const ratio = median(times['kubectl kustomize (small root)']) / median(times['kcc build (small root)']);
  console.log(`\nkcc build on a small root: ${ratio.toFixed(2)}× the speed of kubectl kustomize (above 1 is faster)`);
}
