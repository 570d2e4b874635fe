#!/usr/bin/env node
// The YAML reader and writer on the `kcc template` path, measured on the benchmark chart's own
// output (N Deployments + N Services): CPU milliseconds per candidate, one fresh process.
// Usage (after `npm run build`): node bench/chart/yaml-candidates.mjs [--n 5000]
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const require = createRequire(join(root, 'package.json'));
const args = process.argv.slice(2);
const n = Number(args.includes('--n') ? args[args.indexOf('--n') + 1] : 5000);

const { renderChart } = await import(join(root, 'dist/chart/index.js'));
const { parseFastYaml } = await import(join(root, 'dist/core/fast-yaml.js'));
const { parseYamlDocument } = await import(join(root, 'dist/chart/yaml-parse.js'));
const { emitYaml } = await import(join(root, 'dist/core/yaml-emitter.js'));
const { stringify } = await import('yaml');
// js-yaml is not a kcc dependency; it is measured only if some other package brought it along.
const jsYaml = (() => { try { return require('js-yaml'); } catch { return undefined; } })();

mkdirSync(join(root, 'bench/.work/chart'), { recursive: true });
const valuesFile = join(root, `bench/.work/chart/values-${n}.yaml`);
if (!existsSync(valuesFile)) {
  let text = 'apps:\n';
  for (let i = 0; i < n; i++) text += `  - name: app-${i}\n    image: registry.example.com/team/app-${i}:1.${i % 40}.0\n    replicas: ${(i % 3) + 1}\n    port: 8080\n`;
  writeFileSync(valuesFile, text);
}
const result = await renderChart(join(here, 'charts/kcc-apps'), { releaseName: 'bench', valueFiles: [valuesFile], validate: false });
const texts = result.manifests;
const objects = result.objects.map((o) => o.object);

function cpu(label, fn) {
  fn(); // one warm-up pass, so each candidate is measured with its code optimised
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  console.log(`| ${label} | ${((used.user + used.system) / 1000).toFixed(0)} |`);
}

console.log(`| ${texts.length} documents (N = ${n}) | CPU ms |`);
console.log('|---|---|');
cpu('read: kcc fast reader (fast-yaml.ts)', () => texts.forEach((t) => parseFastYaml(t.split('\n'))));
if (jsYaml) cpu('read: js-yaml load (YAML 1.2 core)', () => texts.forEach((t) => jsYaml.load(t, { schema: jsYaml.CORE_SCHEMA })));
cpu('read: yaml parseDocument, YAML 1.1 (the fallback)', () => texts.forEach((t) => parseYamlDocument(t).toJS()));
cpu('write: as rendered (kcc template default)', () => texts.join('\n---\n'));
cpu('write: kcc core emitter, canonical keys (--canonical)', () => objects.map((o) => emitYaml(o, { canonicalKeys: true })).join('---\n'));
if (jsYaml) cpu('write: js-yaml dump', () => objects.map((o) => jsYaml.dump(o, { lineWidth: -1, noRefs: true })).join('---\n'));
cpu('write: yaml stringify (YAML 1.1)', () => objects.map((o) => stringify(o, { version: '1.1', lineWidth: 0 })).join('---\n'));
