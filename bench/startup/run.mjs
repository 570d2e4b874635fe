#!/usr/bin/env node
// Start-up cost of `kcc version` against plain `node -e 0` (the floor for any Node CLI) and the
// compiled peers (`kubectl version --client`, `helm version` when on PATH), interleaved within
// each round so all see the same machine load. Wall time per process, median of the rounds.
//
//   npm run build && node bench/startup/run.mjs [--rounds 21]
import { spawnSync } from 'node:child_process';
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
