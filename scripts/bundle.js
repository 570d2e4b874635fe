// Bundles `kcc template` (dist/cli/bundles/template.js and everything it imports) into
// dist/bundles/template.js after tsc: one module to load instead of about sixty, which is a
// tenth of the command's time on a typical chart. Packages the code requires lazily (the
// Handlebars compiler, ajv, yaml, semver) stay outside, loaded on first use as before.
// The bundle sits two levels below the package root, like every module it was made from, so
// paths they compute from import.meta.url still point at the same places.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = await build({
  entryPoints: [join(root, 'dist/cli/bundles/template.js')],
  outfile: join(root, 'dist/bundles/template.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled code still calls require() for lazily loaded packages: give the ESM bundle one.
  banner: { js: "import { createRequire as __kccCreateRequire } from 'node:module'; const require = __kccCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`dist/bundles/template.js: ${Object.keys(result.metafile.inputs).length} modules, ${Math.round(bytes / 1024)} KB`);
