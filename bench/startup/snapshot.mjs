#!/usr/bin/env node
// Does a V8 start-up snapshot make kcc start faster? Builds a user-land snapshot of the
// `kcc build` bundle (dist/bundles/build.cjs, everything loaded and initialised in the heap) with
// `node --build-snapshot`, then times, interleaved per round so all see the same load:
//   node -e 0                      the floor for any Node program
//   kcc build (bundle)             how kcc starts today (bin/kcc.js -> fast path -> bundle + code cache)
//   kcc build (snapshot)           node --snapshot-blob kcc-build.blob
//   kubectl kustomize              the compiled peer
// on a small real root read in place from ../shared/corpus. A single executable application
// (--experimental-sea-config with useSnapshot) starts from the same blob inside a copy of the node
// binary, so its start-up is this snapshot's; it only changes how kcc is shipped.
//
//   npm run build && node bench/startup/snapshot.mjs [--rounds 21]
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 21);
const root = fileURLToPath(new URL('../../', import.meta.url));
const work = join(root, 'bench', '.work', 'snapshot');
mkdirSync(work, { recursive: true });
const bundle = join(root, 'dist', 'bundles', 'build.cjs');
const smallRoot = join(root, '..', 'shared', 'corpus', 'kustomize-real', 'kustomize', 'api', 'krusty', 'testdata', 'remoteload', 'multibase', 'base');

// The snapshot builder may only require built-in modules: the bundle is evaluated from its text,
// and packages it requires lazily at run time are resolved once the snapshot is deserialised.
const entry = join(work, 'snapshot-entry.cjs');
writeFileSync(
  entry,
  `const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');
const file = ${JSON.stringify(bundle)};
let runtimeRequire = (id) => { throw new Error('package required while building the snapshot: ' + id); };
const wrapper = vm.runInThisContext(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file });
const mod = { exports: {} };
wrapper.call(mod.exports, mod.exports, (id) => (Module.isBuiltin(id) ? require(id) : runtimeRequire(id)), mod, file, path.dirname(file));
require('node:v8').startupSnapshot.setDeserializeMainFunction(async () => {
  runtimeRequire = Module.createRequire(file);
  await mod.exports.runBuildCommand(process.argv.slice(1));
});
`,
);
const blob = join(work, 'kcc-build.blob');
const built = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`building the snapshot failed:\n${built.stderr}`);
console.log(`snapshot: ${(statSync(blob).size / 1024 / 1024).toFixed(1)} MB`);

const tools = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'kcc build (bundle)': [process.execPath, [join(root, 'bin', 'kcc.js'), 'build', smallRoot]],
  'kcc build (snapshot)': [process.execPath, ['--snapshot-blob', blob, smallRoot]],
  'kubectl kustomize': ['kubectl', ['kustomize', smallRoot]],
};
const outputs = {};
const times = Object.fromEntries(Object.keys(tools).map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, [command, args]] of Object.entries(tools)) {
    const started = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
    outputs[name] = result.stdout;
  }
}
if (outputs['kcc build (bundle)'] !== outputs['kcc build (snapshot)']) throw new Error('the snapshot build printed something else than the bundle');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const floor = median(times['node -e 0']);
const peer = median(times['kubectl kustomize']);
console.log(`| command | median of ${rounds} | × node -e 0 | speed vs kubectl kustomize |`);
console.log('|---|---|---|---|');
for (const [name, values] of Object.entries(times)) {
  console.log(`| ${name} | ${median(values).toFixed(0)} ms | ${(median(values) / floor).toFixed(2)}× | ${(peer / median(values)).toFixed(2)}× |`);
}
