#!/usr/bin/env node
// `kcc template` without the CLI: the library call and the same output, in a whole process.
// The difference to `kcc template` is the CLI's start-up (oclif discovering and loading commands).
// Usage: node bench/chart/render-direct.mjs CHART VALUES_FILE [--no-validate]
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [chart, values, flag] = process.argv.slice(2);
const { renderChart } = await import(join(root, 'dist/chart/index.js'));
const { formatLocation } = await import(join(root, 'dist/core/kube-object.js'));
const result = await renderChart(chart, { releaseName: 'bench', valueFiles: [values], validate: flag !== '--no-validate' });
let out = '';
result.objects.forEach(({ source }, index) => {
  out += `---\n# Source: ${formatLocation(source)}\n${result.manifests[index]}\n`;
});
process.stdout.write(out);
