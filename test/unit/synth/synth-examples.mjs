// Synthesizes every program under examples/ in one Node process (the built kcc, as `kcc synth`
// runs it) and prints JSON: per example the YAML, the objects with their sources, validation
// issues, and whether a second run gave byte-identical output. Used by the examples tests.
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const { runProgram } = await import(join(root, 'dist/project/run-program.js'));
const { renderManifests } = await import(join(root, 'dist/core/manifest-output.js'));
const { validateObjects } = await import(join(root, 'dist/schema/index.js'));

const only = process.argv.slice(2);
const examples = readdirSync(join(root, 'examples')).filter((name) => existsSync(join(root, 'examples', name, 'main.ts')) && (only.length === 0 || only.includes(name)));
const results = {};
for (const name of examples.sort()) {
  const entry = join(root, 'examples', name, 'main.ts');
  try {
    const first = await runProgram(entry);
    const second = await runProgram(entry);
    const yaml = renderManifests(first.charts, { singleFile: true })[0].content;
    const again = renderManifests(second.charts, { singleFile: true })[0].content;
    const tracked = first.charts.flatMap((c) => c.objects);
    results[name] = {
      yaml,
      deterministic: yaml === again,
      charts: first.charts.map((c) => c.name),
      objects: tracked.map((t) => ({ object: t.object, source: t.source })),
      issues: validateObjects(tracked),
    };
  } catch (error) {
    results[name] = { error: error.format ? error.format() : String(error.stack ?? error) };
  }
}
process.stdout.write(JSON.stringify(results));
