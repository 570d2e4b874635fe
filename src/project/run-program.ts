/**
 * Runs a user's TypeScript program (the file that builds an App) with no build step, and
 * returns the objects it defines.
 *
 * How: Node ESM loader hooks, registered once per process from this same file (the `resolve` and
 * `load` exports below run on Node's hooks thread). `load` turns each .ts file into JavaScript
 * with `ts.transpileModule` (one file at a time, no type checking, an inline source map so that
 * stack traces and object locations point at the TypeScript lines). Output is cached by content
 * hash, so a repeated synth never loads the TypeScript compiler (about 0.2 s); `typescript` is
 * imported only on a cache miss. `resolve` makes `kcc` and `kcc/k8s` resolve to the running kcc
 * (one copy of the library, wherever the program lives), and `./x.js` to `./x.ts` as tsc does.
 *
 * A repeated run usually needs no hooks at all: when every file of the program is transpiled
 * already and imports only kcc, Node built-ins and its other .ts files, the cached JavaScript is
 * imported directly, its specifiers rewritten ahead of time (see "The direct path" below); the
 * hooks thread costs about 0.1 s of CPU per run.
 *
 * This module imports only Node built-ins at the top (and core/cache-dir.js, which imports only
 * built-ins): the hooks thread loads it too and must start fast. kcc's other modules are imported
 * lazily inside `runProgram`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire, isBuiltin, register } from 'node:module';
import { dirname, join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';
import { kccCacheDir, writeFileAtomically } from '../core/cache-dir.js';
import { creationSiteFooter, creationSiteTransformer, usesCreationSites } from './creation-site-transform.js';

export interface RunProgramOptions {
  /** Type-check the program with the full TypeScript checker first; type errors fail the run. */
  typecheck?: boolean;
}

export interface ProgramResult {
  charts: { name: string; objects: TrackedObject[] }[];
}

/** The extension kcc's own modules have here: `.js` when built, `.ts` when run from source. */
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** kcc's module root (`dist/` or `src/`): what `kcc` and `kcc/k8s` resolve to. */
const OWN_ROOT = new URL('../', import.meta.url);
const KCC_SPECIFIERS: Record<string, string> = {
  kcc: new URL(`index${OWN_EXTENSION}`, OWN_ROOT).href,
  'kcc/k8s': new URL(`k8s/index${OWN_EXTENSION}`, OWN_ROOT).href,
};
/**
 * cdk8s programs run unmodified: `cdk8s` is kcc's implementation of its API (`kcc/cdk8s`), and
 * `constructs` is the copy kcc itself uses, so constructs from both sides form one tree. Resolved
 * for ES modules by the hooks below, for `require()` (cdk8s-plus and other CommonJS libraries in
 * the program's node_modules) by `redirectCdk8sRequires`.
 */
const CDK8S_URL = new URL(`cdk8s/index${OWN_EXTENSION}`, OWN_ROOT).href;
const COMPAT_SPECIFIERS: Record<string, string> = {
  cdk8s: CDK8S_URL,
  'kcc/cdk8s': CDK8S_URL,
  constructs: pathToFileURL(createRequire(import.meta.url).resolve('constructs')).href,
};
/** Set while a program runs: the cdk8s layer's `app.synth()` then leaves the output to kcc. */
const RUNNING_PROGRAM = Symbol.for('kcc.runningProgram');
/** Marks errors the hooks thread reports about a file (they cross threads as plain messages). */
const SYNTAX_ERROR_TAG = 'KCC_SYNTAX_ERROR';

let hooksRegistered = false;
const runsPerEntry = new Map<string, number>();

export async function runProgram(entryFile: string, options: RunProgramOptions = {}): Promise<ProgramResult> {
  const { KccError } = await import('../core/errors.js');
  const entry = resolvePath(entryFile);
  if (!existsSync(entry) || !statSync(entry).isFile()) throw new KccError(`program ${entryFile} not found`, { hint: 'pass the file that creates your App with -a, or set app: in kcc.yaml' });
  if (options.typecheck) await (await import('./typecheck.js')).typecheckProgram(entry);

  process.setSourceMapsEnabled(true);
  // The program as plain ES modules, when every file of it is already transpiled and its imports
  // are ones kcc resolves itself: then no loader hooks (and no hooks thread) are needed at all.
  const direct = prepareDirectRun(entry);
  if (!direct) await registerHooks();
  const { takeRegisteredApps } = await import('../core/app-registry.js');
  const { clearMarkedSites } = await import('../core/creation-site.js');
  takeRegisteredApps();
  clearMarkedSites();

  await redirectCdk8sRequires(usesCdk8s(entry));

  // Importing the same entry twice in one process (tests, watch mode) needs a fresh module URL.
  const run = (runsPerEntry.get(entry) ?? 0) + 1;
  runsPerEntry.set(entry, run);
  const query = run > 1 ? `?run=${run}` : '';
  let exported: Record<string, unknown>;
  const global = globalThis as Record<symbol, unknown>;
  global[RUNNING_PROGRAM] = true;
  try {
    if (direct) {
      const started = globalThis as Record<symbol, unknown>;
      started[EVALUATION_STARTED] = false;
      try {
        exported = (await import(direct + query)) as Record<string, unknown>;
      } catch (error) {
        // Failed before any of the program ran (a missing export, a file gone since the check):
        // run it through the hooks instead, which report such errors in the program's own terms.
        if (started[EVALUATION_STARTED] !== false) throw error;
        await registerHooks();
        exported = (await import(pathToFileURL(entry).href + query)) as Record<string, unknown>;
      }
    } else {
      exported = (await import(pathToFileURL(entry).href + query)) as Record<string, unknown>;
    }
  } catch (error) {
    throw await programError(error);
  } finally {
    global[RUNNING_PROGRAM] = false;
  }

  // Objects created from now on (app.synth(), constructs made lazily) are not inside a `new` the
  // program is still running, whatever a constructor that threw left on the stack.
  clearMarkedSites();
  const apps = takeRegisteredApps();
  const defaultExport = exported.default as { synth?: unknown } | undefined;
  const registered = apps.some((app) => app === (defaultExport as unknown) || app.app === defaultExport);
  if (defaultExport && typeof defaultExport.synth === 'function' && !registered) apps.push(defaultExport as never);
  if (apps.length === 0) throw new KccError(`${displayPath(entry)} created no App`, { location: { kind: 'typescript', file: displayPath(entry) }, hint: "create one: const app = new App(); new Chart(app, 'main') ..." });

  const charts: ProgramResult['charts'] = [];
  try {
    for (const app of apps) charts.push(...(await app.synth()).charts);
  } catch (error) {
    throw await programError(error);
  }
  return { charts };
}

/**
 * Whether the program may use cdk8s: it or a package it imports mentions `cdk8s` (checked
 * cheaply on the entry's text and the nearest package.json, so kcc's own programs pay nothing).
 */
function usesCdk8s(entry: string): boolean {
  if (readFileSync(entry, 'utf8').includes('cdk8s')) return true;
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return readFileSync(manifest, 'utf8').includes('cdk8s');
    if (dirname(dir) === dir) return false;
  }
}

let requiresRedirected = false;
let cdk8sModule: Record<string, unknown> | undefined;

/**
 * `require('cdk8s')` and `require('constructs')` from CommonJS code (cdk8s-plus, construct
 * libraries) return kcc's modules. `cdk8s` comes wrapped, so that a name kcc does not implement
 * fails with one line naming it instead of `undefined is not a function` later. The cdk8s layer is
 * loaded ahead only for programs that look like cdk8s programs; otherwise on first require.
 */
async function redirectCdk8sRequires(preload: boolean): Promise<void> {
  if (preload) cdk8sModule ??= (await import(CDK8S_URL)) as Record<string, unknown>;
  if (requiresRedirected) return;
  requiresRedirected = true;
  const { KccError } = await import('../core/errors.js');
  const require = createRequire(import.meta.url);
  let wrapped: unknown;
  const cdk8s = (): unknown =>
    (wrapped ??= new Proxy((cdk8sModule ??= require(fileURLToPath(CDK8S_URL)) as Record<string, unknown>), {
      get(target, key) {
        if (typeof key === 'symbol' || key in target) return target[key as string];
        if (key === '__esModule') return true;
        if (key === 'then' || key === 'default') return undefined;
        throw new KccError(`cdk8s.${key} is not implemented by kcc's cdk8s layer`, { hint: CDK8S_HINT });
      },
    }));
  const constructs = require.resolve('constructs');
  const { runCachedScript } = await import('../core/code-cache.js');
  type CommonJsModule = { exports: unknown; require(id: string): unknown };
  const Module = require('node:module') as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
    _cache: unknown;
    wrap(source: string): string;
    prototype: { _compile: (this: CommonJsModule, content: string, filename: string, ...rest: unknown[]) => unknown };
  };
  /**
   * A large package file (cdk8s-plus's k8s.js is 1 MB) runs with V8's code cache, as kcc's own
   * bundles do (core/code-cache.ts): the next run skips parsing it. Same wrapper and arguments
   * as Node's loader gives a CommonJS module.
   */
  const runWithCodeCache = (module: CommonJsModule, content: string, filename: string): void => {
    const info = statSync(filename);
    const wrapper = runCachedScript(Module.wrap(content), filename, `${info.size}:${info.mtimeMs}`) as (...args: unknown[]) => void;
    const moduleRequire = Object.assign((id: string) => module.require(id), {
      resolve: (request: string, options?: unknown) => Module._resolveFilename(request, module, false, options),
      cache: Module._cache,
      main: require.main,
    });
    wrapper.call(module.exports, module.exports, moduleRequire, module, filename, dirname(filename));
  };
  // Source maps are on for the program's own stack traces; Node would also decode every map a
  // package ships inline (cdk8s-plus's k8s.js: megabytes, a third of a second) for no use.
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content: string, filename: string, ...rest: unknown[]): unknown {
    if (!filename.includes(`${sep}node_modules${sep}`)) return compile.call(this, content, filename, ...rest);
    process.setSourceMapsEnabled(false);
    try {
      const result = content.length > LARGE_PACKAGE_SCRIPT ? runWithCodeCache(this, content, filename) : compile.call(this, content, filename, ...rest);
      rememberExportNames(filename, this.exports);
      return result;
    } finally {
      process.setSourceMapsEnabled(true);
    }
  };
  const load = Module._load;
  Module._load = function (request: string, parent: unknown, isMain: boolean): unknown {
    if (request === 'cdk8s') return cdk8s();
    return load.call(this, request === 'constructs' ? constructs : request, parent, isMain);
  };
}

/** Package files above this size (characters) run with V8's code cache. */
const LARGE_PACKAGE_SCRIPT = 256 * 1024;

const CDK8S_HINT = "kcc implements the cdk8s 2.x core API (kcc/cdk8s); use kcc's own API for this part";

async function registerHooks(): Promise<void> {
  if (hooksRegistered) return;
  // Load kcc's own modules before the hooks exist: once registered, every module load is a
  // round trip to the hooks thread, and `kcc/k8s` alone is dozens of files. Afterwards the
  // program's `import ... from 'kcc'` finds them already loaded.
  await Promise.all(Object.values(KCC_SPECIFIERS).map((url) => import(url).catch(() => undefined)));
  register(import.meta.url);
  hooksRegistered = true;
}

/** Path as shown to the user: relative to the working directory when below it. */
function displayPath(path: string): string {
  const cwd = process.cwd() + '/';
  return path.startsWith(cwd) ? path.slice(cwd.length) : path;
}

/**
 * An error thrown while the program ran, as one KccError located at the user's line: the
 * KccError itself if it has a location, otherwise the first stack frame in the user's files
 * (stack traces are already source-mapped to TypeScript lines).
 */
async function programError(error: unknown): Promise<Error> {
  const { KccError } = await import('../core/errors.js');
  if (error instanceof KccError && error.location) return error;
  const message = error instanceof Error ? error.message : String(error);
  const tagged = message.indexOf(SYNTAX_ERROR_TAG);
  if (tagged !== -1) {
    const [, file, line, column, text] = /KCC_SYNTAX_ERROR (.+?):(\d+):(\d+) (.*)/s.exec(message.slice(tagged)) ?? [];
    return new KccError(text ?? message, { location: { kind: 'typescript', file: displayPath(file ?? ''), line: Number(line), column: Number(column) } });
  }
  const missing = /The requested module '(?:kcc\/)?cdk8s' does not provide an export named '([^']+)'/.exec(message);
  if (missing) return new KccError(`cdk8s.${missing[1]} is not implemented by kcc's cdk8s layer`, { hint: CDK8S_HINT });
  const location = firstUserFrame(error instanceof Error ? error.stack : undefined);
  if (error instanceof KccError) return new KccError(error.message, { location, hint: error.hint, field: error.field, exitCode: error.exitCode, cause: error });
  const name = error instanceof Error ? error.name : 'Error';
  return new KccError(`the program threw ${name}: ${message}`, { location, cause: error });
}

const OWN_DIR = fileURLToPath(OWN_ROOT);

function firstUserFrame(stack: string | undefined): SourceLocation | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const match = /\(?((?:file:\/\/)?\/[^()]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!match || !line.trim().startsWith('at ')) continue;
    const path = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!.replace(/\?.*$/, '')) : match[1]!;
    if (path.startsWith(OWN_DIR) || path.includes('/node_modules/')) continue;
    return { kind: 'typescript', file: displayPath(path), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Loader hooks (run on Node's hooks thread).

interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string; format?: string | null }>;
type NextLoad = (url: string, context?: unknown) => Promise<{ format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }>;

/** `kcc/k8s/apps-v1`: one API group's module (the package's `./k8s/*` export). */
function ownGroupVersion(specifier: string): string | undefined {
  const match = /^kcc\/k8s\/([a-z0-9-]+)$/.exec(specifier);
  return match ? new URL(`k8s/${match[1]}${OWN_EXTENSION}`, OWN_ROOT).href : undefined;
}

function isTypeScriptUrl(url: string): boolean {
  return url.startsWith('file:') && /\.(m?ts|tsx)(\?.*)?$/.test(url);
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<{ url: string; format?: string | null; shortCircuit?: boolean }> {
  const own = KCC_SPECIFIERS[specifier] ?? COMPAT_SPECIFIERS[specifier] ?? ownGroupVersion(specifier);
  if (own) return { url: own, shortCircuit: true };
  const parent = context.parentURL;
  if (!parent || !isTypeScriptUrl(parent) || !/^\.{1,2}\//.test(specifier)) return nextResolve(specifier, context);
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    // tsc's convention: `import './x.js'` names the file that x.ts becomes; extensionless too.
    const candidates = specifier.endsWith('.js') ? [specifier.slice(0, -3) + '.ts'] : /\.[a-z]+$/.test(specifier) ? [] : [`${specifier}.ts`, `${specifier}/index.ts`];
    for (const candidate of candidates) {
      const url = new URL(candidate, parent);
      if (existsSync(url)) return { url: url.href, shortCircuit: true };
    }
    throw error;
  }
}

export async function load(url: string, context: unknown, nextLoad: NextLoad): Promise<{ format: string; source?: string | ArrayBuffer | Uint8Array | null; shortCircuit?: boolean }> {
  if (!isTypeScriptUrl(url)) {
    const facade = commonJsFacade(url);
    return facade ? { format: 'module', source: facade, shortCircuit: true } : nextLoad(url, context);
  }
  const path = fileURLToPath(url.replace(/\?.*$/, ''));
  return { format: 'module', source: await transpileCached(path), shortCircuit: true };
}

// ---------------------------------------------------------------------------------------------
// CommonJS packages imported by the program (cdk8s-plus-32's 1 MB `imports/k8s.js`, say).
//
// To import a CommonJS file, Node first scans its whole source for the names it exports (a
// fifth of a second for that file). The names are remembered instead: after a package file
// runs (`rememberExportNames`, main thread) they are written to the cache, keyed by path, size and
// modification time; on the next run the hooks serve the file as a small ES module that requires
// it and re-exports those names, and Node scans nothing.

function exportNamesFile(path: string, info: { size: number; mtimeMs: number }): string {
  const key = createHash('sha256').update(`${path}\0${info.size}\0${info.mtimeMs}`).digest('hex');
  // The project's cache (the first node_modules on the path), never one inside a package.
  const packages = path.indexOf(`${sep}node_modules${sep}`);
  return join(cacheDirFor(packages === -1 ? dirname(path) : path.slice(0, packages)), 'cjs-exports', key.slice(0, 2), `${key}.json`);
}

const PACKAGE_SCRIPT = /\/node_modules\/.+\.c?js$/;

/** The ES module standing in for a package's CommonJS file, when its export names are known. */
function commonJsFacade(url: string): string | undefined {
  if (!url.startsWith('file:') || !PACKAGE_SCRIPT.test(url)) return undefined;
  try {
    const path = fileURLToPath(url);
    const names = JSON.parse(readFileSync(exportNamesFile(path, statSync(path)), 'utf8')) as string[];
    const lines = [`import { createRequire } from 'node:module';`, `const m = createRequire(${JSON.stringify(url)})(${JSON.stringify(path)});`, 'export default m;'];
    const exported = names.filter((name) => name !== 'default').map((name, i) => `const e${i} = m[${JSON.stringify(name)}];`);
    lines.push(...exported, `export { ${names.filter((name) => name !== 'default').map((name, i) => `e${i} as ${JSON.stringify(name)}`).join(', ')} };`);
    return lines.join('\n');
  } catch {
    return undefined;
  }
}

/**
 * A CommonJS package file imported by a program on the direct path: served by a facade module
 * written to the cache once its export names are known (see commonJsFacade). Only packages whose
 * file Node's ESM resolution finds as `require` does: no "exports" map, not "type": "module".
 */
function resolvePackageDirect(specifier: string, parent: string): DirectTarget | undefined {
  if (packageNeverDirect(specifier, parent)) return undefined;
  let path: string;
  try {
    path = createRequire(parent).resolve(specifier);
  } catch {
    return undefined;
  }
  if (!PACKAGE_SCRIPT.test(path.split(sep).join('/'))) return undefined;
  const namesFile = exportNamesFile(path, statSync(path));
  const facadeFile = namesFile.replace(/\.json$/, '.mjs');
  if (!existsSync(facadeFile)) {
    const facade = commonJsFacade(pathToFileURL(path).href);
    if (!facade) return undefined;
    writeFileAtomically(facadeFile, facade);
  }
  return { kind: 'package', specifier: pathToFileURL(facadeFile).href };
}

const packageManifests = new Map<string, { exports?: unknown; type?: string } | undefined>();

/**
 * The installed package's manifest says the direct path cannot import it: it has an "exports"
 * map (ESM and `require` may resolve differently) or is an ES module package. False when the
 * package does not resolve (it may be installed later).
 */
function packageNeverDirect(specifier: string, parent: string): boolean {
  const name = /^(@[^/]+\/[^/]+|[^/@][^/]*)/.exec(specifier)?.[1];
  if (!name) return true;
  let path: string;
  try {
    path = createRequire(parent).resolve(specifier);
  } catch {
    return false;
  }
  const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
  const at = path.lastIndexOf(marker);
  if (at === -1) return true;
  const manifestPath = join(path.slice(0, at + marker.length), 'package.json');
  if (!packageManifests.has(manifestPath)) {
    try {
      packageManifests.set(manifestPath, JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: unknown; type?: string });
    } catch {
      packageManifests.set(manifestPath, undefined);
    }
  }
  const manifest = packageManifests.get(manifestPath);
  return !manifest || manifest.exports !== undefined || manifest.type === 'module';
}

/** Records the export names of a package's CommonJS file after it ran (see commonJsFacade). */
function rememberExportNames(path: string, exports: unknown): void {
  if (!PACKAGE_SCRIPT.test(path.split(sep).join('/')) || exports === null || typeof exports !== 'object') return;
  try {
    const file = exportNamesFile(path, statSync(path));
    if (!existsSync(file)) writeFileAtomically(file, JSON.stringify(Object.keys(exports)));
  } catch {
    // Only a missed speed-up.
  }
}

/** Bumped when the transpile settings below change, so old cache entries stop matching. */
const TRANSPILE_SETTINGS_VERSION = '2';
let typescriptVersion: string | undefined;
const cacheDirs = new Map<string, string>();

/**
 * JavaScript for a .ts file, from the cache when the file's content (and path, TypeScript
 * version, settings) hashed the same before.
 */
async function transpileCached(path: string): Promise<string> {
  const source = readFileSync(path, 'utf8');
  const key = transpileKey(path, source);
  const cacheFile = transpileCacheFile(path, key);
  try {
    return readFileSync(cacheFile, 'utf8');
  } catch {
    const output = await transpile(path, source);
    writeFileAtomically(cacheFile, output);
    return output;
  }
}

/** The cache key of a .ts file's JavaScript: its content, path, the TypeScript version and settings. */
function transpileKey(path: string, source: string): string {
  typescriptVersion ??= readTypescriptVersion();
  return createHash('sha256').update(`${TRANSPILE_SETTINGS_VERSION}\0${typescriptVersion}\0${path}\0${source}`).digest('hex');
}

function transpileCacheFile(path: string, key: string): string {
  return join(cacheDirFor(dirname(path)), key.slice(0, 2), `${key}.js`);
}

/** Write then rename: a concurrent run never reads a half-written file. */

// ---------------------------------------------------------------------------------------------
// The direct path: the program as plain ES modules, without loader hooks.
//
// Each .ts file of the program gets a "direct module" in the cache (`<cache>/esm/`, one per source
// path): its cached JavaScript with every import specifier replaced by what the hooks would have
// resolved it to (kcc's own modules, a Node built-in, or another .ts file's direct module), and a
// trailer recording the source's cache key and those resolutions. A run checks, for every file
// reachable from the entry, that the key (the content) and each resolution are still the same,
// and then imports the entry's direct module: no hooks thread, no TypeScript. A program that
// imports anything else (an npm package, JSON, plain .js files), or uses dynamic import() or
// import.meta, keeps the hooks path, whose behaviour is the reference.

const KCC_OWN_DIRS = ['src', 'dist'].map((name) => fileURLToPath(new URL(`../${name}/`, OWN_ROOT)));

/** Bumped when the direct module format changes. */
const DIRECT_FORMAT_VERSION = '1';
/** File name suffix of direct modules; creation-site.ts treats frames in them as the user's code. */
export const DIRECT_MODULE_SUFFIX = '.kcc-program.mjs';
const DIRECT_TRAILER = '//kcc-direct ';
/** Set (to true) by the first statement of every direct module: the program has started to run. */
const EVALUATION_STARTED = Symbol.for('kcc.programEvaluationStarted');
const EVALUATION_MARK = "globalThis[Symbol.for('kcc.programEvaluationStarted')] = true;\n";

type DirectTarget = { kind: 'own' | 'builtin' | 'package'; specifier: string } | { kind: 'ts'; path: string };
interface DirectTrailer {
  key: string;
  imports: [string, DirectTarget][];
  /** The file's content rules the direct path out (it imports a package, say): use the hooks. */
  hooks?: true;
}

/** The URL of the entry's direct module, ready to import; undefined when the hooks are needed. */
function prepareDirectRun(entry: string): string | undefined {
  if (OWN_EXTENSION !== '.js') return undefined;
  try {
    const directory = join(cacheDirFor(dirname(entry)), 'esm');
    const seen = new Set([entry]);
    const pending = [entry];
    while (pending.length > 0) {
      const file = pending.pop()!;
      // Frames in such files are not "the user's" for creation sites (creation-site.ts), while
      // frames in direct modules always are: keep them on the hooks path.
      if (file.includes(`${sep}node_modules${sep}`) || KCC_OWN_DIRS.some((dir) => file.startsWith(dir))) return undefined;
      const dependencies = ensureDirectModule(file, directory);
      if (!dependencies) return undefined;
      for (const dependency of dependencies) {
        if (!seen.has(dependency)) {
          seen.add(dependency);
          pending.push(dependency);
        }
      }
    }
    return pathToFileURL(directModulePath(entry, directory)).href;
  } catch {
    return undefined;
  }
}

function directModulePath(path: string, directory: string): string {
  return join(directory, `${createHash('sha256').update(`${DIRECT_FORMAT_VERSION}\0${path}`).digest('hex').slice(0, 40)}${DIRECT_MODULE_SUFFIX}`);
}

/**
 * Makes sure `path`'s direct module is current; returns the .ts files it imports, or undefined
 * when the file needs the hooks.
 */
function ensureDirectModule(path: string, directory: string): string[] | undefined {
  const key = transpileKey(path, readFileSync(path, 'utf8'));
  const modulePath = directModulePath(path, directory);
  // Known from an earlier run: without this, every run would load TypeScript to find out again.
  if (readTrailer(hooksMarkerPath(modulePath))?.key === key) return undefined;
  const trailer = readTrailer(modulePath);
  if (trailer && trailer.key === key && trailer.imports.every(([specifier, target]) => sameTarget(resolveDirect(specifier, path), target))) {
    return trailer.imports.flatMap(([, target]) => (target.kind === 'ts' ? [target.path] : []));
  }
  return writeDirectModule(path, key, modulePath, directory);
}

/** Where a file whose content needs the hooks says so (beside where its direct module would be). */
function hooksMarkerPath(modulePath: string): string {
  return `${modulePath.slice(0, -DIRECT_MODULE_SUFFIX.length)}.needs-hooks`;
}

function readTrailer(modulePath: string): DirectTrailer | undefined {
  let text: string;
  try {
    text = readFileSync(modulePath, 'utf8');
  } catch {
    return undefined;
  }
  const at = text.lastIndexOf(`\n${DIRECT_TRAILER}`);
  if (at === -1) return undefined;
  try {
    return JSON.parse(text.slice(at + 1 + DIRECT_TRAILER.length)) as DirectTrailer;
  } catch {
    return undefined;
  }
}

function sameTarget(a: DirectTarget | undefined, b: DirectTarget): boolean {
  if (!a || a.kind !== b.kind) return false;
  return a.kind === 'ts' ? a.path === (b as { path: string }).path : a.specifier === (b as { specifier: string }).specifier;
}

/**
 * What the hooks (and Node behind them) resolve `specifier` to when a .ts file at `parent`
 * imports it, for the kinds of import the direct path handles; undefined for everything else.
 */
function resolveDirect(specifier: string, parent: string): DirectTarget | undefined {
  const own = KCC_SPECIFIERS[specifier] ?? COMPAT_SPECIFIERS[specifier] ?? ownGroupVersion(specifier);
  if (own) return { kind: 'own', specifier: own };
  if (isBuiltin(specifier)) return { kind: 'builtin', specifier };
  if (!/^\.{1,2}\//.test(specifier)) return resolvePackageDirect(specifier, parent);
  if (/[?#%\\]/.test(specifier) || specifier.endsWith('/')) return undefined;
  const parentUrl = pathToFileURL(parent);
  const path = fileURLToPath(new URL(specifier, parentUrl));
  const info = statSync(path, { throwIfNoEntry: false });
  if (info?.isFile()) {
    // Node's own resolution succeeds, and follows symlinks.
    const real = realpathSync(path);
    return isTypeScriptUrl(pathToFileURL(real).href) ? { kind: 'ts', path: real } : undefined;
  }
  if (info && !info.isDirectory()) return undefined;
  const candidates = specifier.endsWith('.js') ? [specifier.slice(0, -3) + '.ts'] : /\.[a-z]+$/.test(specifier) ? [] : [`${specifier}.ts`, `${specifier}/index.ts`];
  for (const candidate of candidates) {
    const url = new URL(candidate, parentUrl);
    if (existsSync(url)) return statSync(url).isFile() ? { kind: 'ts', path: fileURLToPath(url) } : undefined;
  }
  return undefined;
}

function writeDirectModule(path: string, key: string, modulePath: string, directory: string): string[] | undefined {
  const require = createRequire(import.meta.url);
  const ts = require('typescript') as typeof import('typescript');
  const cacheFile = transpileCacheFile(path, key);
  let code: string;
  try {
    code = readFileSync(cacheFile, 'utf8');
  } catch {
    code = transpileWith(ts, path, readFileSync(path, 'utf8'));
    writeFileAtomically(cacheFile, code);
  }
  const needsHooks = (): undefined => {
    writeFileAtomically(hooksMarkerPath(modulePath), `\n${DIRECT_TRAILER}${JSON.stringify({ key, imports: [], hooks: true } satisfies DirectTrailer)}\n`);
    return undefined;
  };
  // Dynamic imports and import.meta depend on the module's own URL: those keep the hooks.
  if (/\bimport\s*\(|\bimport\s*\.\s*meta\b|\brequire\s*\(/.test(code)) return needsHooks();
  const mapAt = code.lastIndexOf('//# sourceMappingURL=data:application/json;base64,');
  if (mapAt === -1) return needsHooks();
  const imports: [string, DirectTarget][] = [];
  const replacements: { pos: number; end: number; text: string }[] = [];
  for (const reference of ts.preProcessFile(code.slice(0, mapAt), true, false).importedFiles) {
    const target = resolveDirect(reference.fileName, path);
    // `pos` is where the string literal starts (its quote), in the TypeScript versions seen so far.
    const start = [reference.pos + 1, reference.pos].find((at) => /['"]/.test(code[at - 1] ?? '') && code.startsWith(reference.fileName, at) && code[at + reference.fileName.length] === code[at - 1]);
    // A package import the direct path can never serve (an ES module package, one with an
    // "exports" map) depends on the content alone; anything else that does not resolve yet may.
    if (!target && !/^\.{1,2}\//.test(reference.fileName) && packageNeverDirect(reference.fileName, path)) return needsHooks();
    if (!target || start === undefined) return undefined;
    imports.push([reference.fileName, target]);
    const text = target.kind === 'ts' ? pathToFileURL(directModulePath(target.path, directory)).href : target.specifier;
    replacements.push({ pos: start, end: start + reference.fileName.length, text });
  }
  let body = code.slice(0, mapAt);
  for (const { pos, end, text } of replacements.sort((a, b) => b.pos - a.pos)) body = body.slice(0, pos) + text + body.slice(end);
  // One line goes before the code: the source map gets one empty line in front to match.
  const map = JSON.parse(Buffer.from(code.slice(mapAt).trim().slice('//# sourceMappingURL=data:application/json;base64,'.length), 'base64').toString('utf8')) as { mappings: string };
  map.mappings = `;${map.mappings}`;
  const trailer: DirectTrailer = { key, imports };
  writeFileAtomically(
    modulePath,
    `${EVALUATION_MARK}${body}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n${DIRECT_TRAILER}${JSON.stringify(trailer)}\n`,
  );
  return imports.flatMap(([, target]) => (target.kind === 'ts' ? [target.path] : []));
}

function readTypescriptVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (JSON.parse(readFileSync(require.resolve('typescript/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The project's `node_modules/.cache/kcc/programs` (nearest node_modules above the file), so the
 * cache goes away with node_modules; `$XDG_CACHE_HOME/kcc/programs` or `~/.cache/kcc/programs`
 * when there is none. `KCC_CACHE_DIR` overrides both.
 */
function cacheDirFor(directory: string): string {
  if (process.env.KCC_CACHE_DIR) return kccCacheDir('programs');
  let found = cacheDirs.get(directory);
  if (found) return found;
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) {
      found = join(current, 'node_modules', '.cache', 'kcc', 'programs');
      break;
    }
    if (dirname(current) === current) {
      found = kccCacheDir('programs');
      break;
    }
  }
  cacheDirs.set(directory, found);
  return found;
}

async function transpile(path: string, source: string): Promise<string> {
  return transpileWith((await import('typescript')).default, path, source);
}

function transpileWith(ts: typeof import('typescript'), path: string, source: string): string {
  const result = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
      esModuleInterop: true,
    },
    transformers: { before: [creationSiteTransformer(ts)] },
  });
  const syntaxError = result.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError && syntaxError.file && syntaxError.start !== undefined) {
    const { line, character } = syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start);
    const text = ts.flattenDiagnosticMessageText(syntaxError.messageText, ' ');
    throw new Error(`${SYNTAX_ERROR_TAG} ${path}:${line + 1}:${character + 1} TS${syntaxError.code}: ${text}`);
  }
  // The map names the original file by URL, so locations resolve to it wherever the cache is.
  const map = JSON.parse(result.sourceMapText ?? '{}') as { sources?: string[]; sourceRoot?: string; file?: string };
  map.sources = [pathToFileURL(path).href];
  delete map.sourceRoot;
  let code = result.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  // After the last mapped line, so every position in the source map stays where it was.
  if (usesCreationSites(code)) code += creationSiteFooter(path);
  return `${code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}
