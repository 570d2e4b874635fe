// Bundles `kcc template` (dist/cli/bundles/template.js and everything it imports) into
// dist/bundles/template.cjs after tsc: one script to load instead of about sixty modules, which
// src/cli/load-bundle.ts runs through V8's code cache. Packages the code requires lazily (the
// Handlebars compiler, ajv for compiling validators, yaml, semver) stay outside, loaded on first
// use as before; values-schema.ts (imported only for a chart with values.schema.json) is inside.
// The bundle sits two levels below the package root, like every module it was made from, so
// paths they compute from import.meta.url still point at the same places.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'dist/cli/bundles/template.js')],
  outfile: join(root, 'dist/bundles/template.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The modules find files and packages from import.meta.url; in the bundle, its own URL.
  define: { 'import.meta.url': '__kccModuleUrl' },
  banner: { js: "const __kccModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/bundles/template.cjs: ${Object.keys(result.metafile.inputs).length} modules, ${Math.round(bytes / 1024)} KB`);
