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
 * This module imports only Node built-ins at the top: the hooks thread loads it too and must
 * start fast. kcc's own modules are imported lazily inside `runProgram`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';

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
/** Marks errors the hooks thread reports about a file (they cross threads as plain messages). */
const SYNTAX_ERROR_TAG = 'KCC_SYNTAX_ERROR';

let hooksRegistered = false;
const runsPerEntry = new Map<string, number>();

export async function runProgram(entryFile: string, options: RunProgramOptions = {}): Promise<ProgramResult> {
  const { KccError } = await import('../core/errors.js');
  const entry = resolvePath(entryFile);
  if (!existsSync(entry) || !statSync(entry).isFile()) throw new KccError(`program ${entryFile} not found`, { hint: 'pass the file that creates your App with -a, or set app: in kcc.yaml' });
  if (options.typecheck) await typecheckProgram(entry);

  if (!hooksRegistered) {
    process.setSourceMapsEnabled(true);
    // Load kcc's own modules before the hooks exist: once registered, every module load is a
    // round trip to the hooks thread, and `kcc/k8s` alone is dozens of files. Afterwards the
    // program's `import ... from 'kcc'` finds them already loaded.
    await Promise.all(Object.values(KCC_SPECIFIERS).map((url) => import(url).catch(() => undefined)));
    register(import.meta.url);
    hooksRegistered = true;
  }
  const { takeRegisteredApps } = await import('../core/app-registry.js');
  takeRegisteredApps();

  // Importing the same entry twice in one process (tests, watch mode) needs a fresh module URL.
  const run = (runsPerEntry.get(entry) ?? 0) + 1;
  runsPerEntry.set(entry, run);
  const url = pathToFileURL(entry).href + (run > 1 ? `?run=${run}` : '');
  let exported: Record<string, unknown>;
  try {
    exported = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw await programError(error);
  }

  const apps = takeRegisteredApps();
  const defaultExport = exported.default as { synth?: unknown } | undefined;
  if (defaultExport && typeof defaultExport.synth === 'function' && !apps.includes(defaultExport as never)) apps.push(defaultExport as never);
  if (apps.length === 0) throw new KccError(`${displayPath(entry)} created no App`, { location: { kind: 'typescript', file: displayPath(entry) }, hint: "create one: const app = new App(); new Chart(app, 'main') ..." });

  const charts: ProgramResult['charts'] = [];
  try {
    for (const app of apps) charts.push(...(await app.synth()).charts);
  } catch (error) {
    throw await programError(error);
  }
  return { charts };
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

/**
 * Full type check of the program and everything it imports (`--typecheck`). Loads the checker,
 * so it costs a second or more; every error is reported with file:line.
 */
async function typecheckProgram(entry: string): Promise<void> {
  const { KccError, KccErrors } = await import('../core/errors.js');
  const ts = (await import('typescript')).default;
  const declarations = (name: string): string => fileURLToPath(new URL(`${name}.d.ts`, new URL('../dist/', OWN_ROOT)));
  const options: import('typescript').CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
    // A program outside this package (kcc installed globally) still sees kcc's own types.
    paths: { kcc: [declarations('index')], 'kcc/k8s': [declarations('k8s/index')], 'kcc/k8s/*': [declarations('k8s/*')] },
  };
  const program = ts.createProgram([entry], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length === 0) return;
  const errors = diagnostics.map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
    if (!d.file || d.start === undefined) return new KccError(`TS${d.code}: ${text}`);
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return new KccError(`TS${d.code}: ${text}`, { location: { kind: 'typescript', file: displayPath(d.file.fileName), line: line + 1, column: character + 1 } });
  });
  throw new KccErrors(`${errors.length} type error${errors.length === 1 ? '' : 's'}`, errors);
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
  const own = KCC_SPECIFIERS[specifier] ?? ownGroupVersion(specifier);
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
  if (!isTypeScriptUrl(url)) return nextLoad(url, context);
  const path = fileURLToPath(url.replace(/\?.*$/, ''));
  return { format: 'module', source: await transpileCached(path), shortCircuit: true };
}

/** Bumped when the transpile settings below change, so old cache entries stop matching. */
const TRANSPILE_SETTINGS_VERSION = '1';
let typescriptVersion: string | undefined;
const cacheDirs = new Map<string, string>();

/**
 * JavaScript for a .ts file, from the cache when the file's content (and path, TypeScript
 * version, settings) hashed the same before.
 */
async function transpileCached(path: string): Promise<string> {
  const source = readFileSync(path, 'utf8');
  typescriptVersion ??= readTypescriptVersion();
  const key = createHash('sha256').update(`${TRANSPILE_SETTINGS_VERSION}\0${typescriptVersion}\0${path}\0${source}`).digest('hex');
  const cacheFile = join(cacheDirFor(dirname(path)), key.slice(0, 2), `${key}.js`);
  try {
    return readFileSync(cacheFile, 'utf8');
  } catch {
    const output = await transpile(path, source);
    mkdirSync(dirname(cacheFile), { recursive: true });
    // Write then rename: a concurrent run never reads a half-written entry.
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, output);
    renameSync(temporary, cacheFile);
    return output;
  }
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
  if (process.env.KCC_CACHE_DIR) return resolvePath(process.env.KCC_CACHE_DIR, 'programs');
  let found = cacheDirs.get(directory);
  if (found) return found;
  for (let current = directory; ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) {
      found = join(current, 'node_modules', '.cache', 'kcc', 'programs');
      break;
    }
    if (dirname(current) === current) {
      const base = process.env.XDG_CACHE_HOME && isAbsolute(process.env.XDG_CACHE_HOME) ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
      found = join(base, 'kcc', 'programs');
      break;
    }
  }
  cacheDirs.set(directory, found);
  return found;
}

async function transpile(path: string, source: string): Promise<string> {
  const ts = (await import('typescript')).default;
  const result = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      sourceMap: true,
      esModuleInterop: true,
    },
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
  const code = result.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  return `${code}//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}
