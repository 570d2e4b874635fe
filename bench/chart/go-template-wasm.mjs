#!/usr/bin/env node
// The WebAssembly route for Helm charts, measured (see src/chart/README.md, "Native binary or
// WebAssembly"): helmengine/cmd/wasm-probe (Helm's render core without pkg/action, which does
// not build for wasip1) compiled to wasip1 and run in-process with node:wasi.
//   cd helmengine && GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags='-s -w' -o /tmp/probe.wasm ./cmd/wasm-probe
//   go build -trimpath -ldflags='-s -w' -o /tmp/probe ./cmd/wasm-probe   # the same code, native
//   node bench/chart/go-template-wasm.mjs /tmp/probe.wasm REQUEST.json [runs]
// REQUEST.json is kcc-helm's request ({"releases": [{"chart": ABSOLUTE_DIR, "releaseName": ..., "valueFiles": [ABSOLUTE]}]});
// time the whole process with /usr/bin/time, and the native probe with `/tmp/probe < REQUEST.json`.
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';

const [wasmFile, requestFile, count = '1'] = process.argv.slice(2);
const started = performance.now();
const module = await WebAssembly.compile(readFileSync(wasmFile));
const compiledMs = performance.now() - started;
const runs = [];
for (let run = 0; run < Number(count); run++) {
  const runStarted = performance.now();
  const stdin = openSync(requestFile, 'r');
  const outFile = join(tmpdir(), `kcc-wasm-probe-${process.pid}-${run}.json`);
  const stdout = openSync(outFile, 'w');
  const wasi = new WASI({ version: 'preview1', args: ['wasm-probe'], env: {}, preopens: { '/': '/' }, stdin, stdout, stderr: 2, returnOnExit: true });
  const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
  const code = wasi.start(instance);
  closeSync(stdin);
  closeSync(stdout);
  runs.push({ wallMs: Math.round(performance.now() - runStarted), exitCode: code, outputBytes: statSync(outFile).size });
}
console.log(JSON.stringify({ wasmBytes: statSync(wasmFile).size, compileWallMs: Math.round(compiledMs), runs }));
