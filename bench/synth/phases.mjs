#!/usr/bin/env node
// Where `kcc synth` spends CPU, phase by phase, in one process without the CLI around it.
// Usage: BENCH_N=1000 node bench/synth/phases.mjs [program.ts]   (after npm run build)
// "run" includes the loader-hooks thread (transpile cache lookups) and building the objects.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const program = process.argv[2] ?? fileURLToPath(new URL('./programs/kcc-main.ts', import.meta.url));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const marks = [['node start', cpu()]];
const { runProgram } = await import(`${root}dist/project/run-program.js`);
const { renderManifests } = await import(`${root}dist/core/manifest-output.js`);
marks.push(['load synth modules', cpu()]);
const result = await runProgram(program);
marks.push(['run program + synth', cpu()]);
const schema = await import(`${root}dist/schema/index.js`);
marks.push(['load schema module', cpu()]);
schema.validateObjects(result.charts.flatMap((c) => c.objects));
marks.push(['validate', cpu()]);
renderManifests(result.charts, {});
marks.push(['emit YAML', cpu()]);
const phases = marks.map(([name, at], i) => `${name}: ${(at - (i ? marks[i - 1][1] : 0)).toFixed(0)} ms`).join(', ');
console.log(`${phases}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
