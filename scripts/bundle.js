// Bundles the CLI commands that run no user code, `kcc template`, `kcc validate` and `kcc build`
// of a plain kustomization
// (dist/cli/bundles/<command>.js and everything each imports), into dist/bundles/<command>.cjs
// after tsc: one script to load instead of dozens of modules, which src/cli/load-bundle.ts runs
// through V8's code cache. Packages the code requires lazily (the Handlebars compiler, ajv for
// compiling validators, yaml, semver, tar, picomatch) stay outside, loaded on first use as before.
// The bundles sit two levels below the package root, like every module they are made from, so
// paths those compute from import.meta.url still point at the same places.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
for (const command of ['template', 'validate', 'build']) {
  const result = await build({
    entryPoints: [join(root, `dist/cli/bundles/${command}.js`)],
    outfile: join(root, `dist/bundles/${command}.cjs`),
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
  console.log(`dist/bundles/${command}.cjs: ${Object.keys(result.metafile.inputs).length} modules, ${Math.round(bytes / 1024)} KB`);
}
