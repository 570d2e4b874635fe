import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompilerOptions, Diagnostic } from 'typescript';
import { KccError, KccErrors } from '../core/errors.js';
import { displayPath } from '../core/creation-site.js';

/** kcc's declarations (`dist/`), for `kcc` imports: a program's types are those of the kcc that runs it. */
const DECLARATIONS_ROOT = new URL('../../dist/', import.meta.url);
const declarations = (name: string): string => fileURLToPath(new URL(`${name}.d.ts`, DECLARATIONS_ROOT));

/** What `--typecheck` uses when the program has no tsconfig.json: kcc init's settings. */
function defaultOptions(ts: typeof import('typescript')): CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    types: ['node'],
  };
}

// A directory holding one of these is a project's root: the search for tsconfig.json stops there.
const PROJECT_ROOT_MARKERS = ['package.json', 'kcc.yaml', '.git'];

/**
 * The tsconfig.json of the program's project: the nearest one from the program's directory up to
 * the project root (the first directory with package.json, kcc.yaml or .git), so a tsconfig of
 * an unrelated parent directory is never picked up.
 */
export function findProjectTsconfig(entry: string): string | undefined {
  let dir = dirname(entry);
  const { root } = parse(dir);
  for (;;) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dir === root || PROJECT_ROOT_MARKERS.some((marker) => existsSync(join(dir, marker)))) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Full type check of the program and everything it imports (`--typecheck`), with the compiler
 * options of the project's tsconfig.json when it has one (its `strict`, `noUnused...`, `paths`,
 * `types`), else kcc's defaults. The files checked are the program and what it imports, not the
 * tsconfig's `include` (tests and scripts beside it are not part of the synth). `kcc` and
 * `kcc/k8s` resolve to the running kcc's declarations unless the tsconfig maps them itself.
 * Loads the checker, so it costs a second or more; every error is reported with file:line.
 */
export async function typecheckProgram(entry: string): Promise<void> {
  const ts = (await import('typescript')).default;
  const tsconfig = findProjectTsconfig(entry);
  const options = tsconfig ? readTsconfig(ts, tsconfig) : defaultOptions(ts);
  options.noEmit = true;
  // Build-mode settings ask for files or outputs a one-off check does not have.
  delete options.composite;
  delete options.incremental;
  delete options.tsBuildInfoFile;
  options.paths = {
    kcc: [declarations('index')],
    'kcc/k8s': [declarations('k8s/index')],
    'kcc/k8s/*': [declarations('k8s/*')],
    ...options.paths,
  };
  const program = ts.createProgram([entry], options);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length === 0) return;
  const errors = diagnostics.map((d) => diagnosticError(ts, d));
  throw new KccErrors(`${errors.length} type error${errors.length === 1 ? '' : 's'}${tsconfig ? ` (with ${displayPath(tsconfig)})` : ''}`, errors);
}

// "No inputs were found": the include patterns do not matter here, the program is the input.
const NO_INPUTS = 18003;

function readTsconfig(ts: typeof import('typescript'), file: string): CompilerOptions {
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw diagnosticError(ts, read.error, `${displayPath(file)}: `);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(file), undefined, file);
  const errors = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== NO_INPUTS);
  if (errors.length === 1) throw diagnosticError(ts, errors[0]!, `${displayPath(file)}: `);
  if (errors.length) throw new KccErrors(`${errors.length} problems in ${displayPath(file)}`, errors.map((d) => diagnosticError(ts, d)));
  return parsed.options;
}

function diagnosticError(ts: typeof import('typescript'), d: Diagnostic, prefix = ''): KccError {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file || d.start === undefined) return new KccError(`${prefix}TS${d.code}: ${text}`);
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return new KccError(`TS${d.code}: ${text}`, { location: { kind: 'typescript', file: displayPath(d.file.fileName), line: line + 1, column: character + 1 } });
}
