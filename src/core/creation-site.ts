import { findSourceMap } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './kube-object.js';

/**
 * Where the user's code created a construct. In a program run by `runProgram`, the position its
 * transpiled code marked (see captureCreationSite). Otherwise capturing only records V8's raw
 * stack (no call-site objects, no formatting); finding the user's frame and mapping it through
 * the source map happen the first time a field of `location` is read, which for most objects is
 * never (only errors and messages read them). In an app with tens of thousands of objects, this
 * is the difference between milliseconds and a large share of synth time.
 */
export class CreationSite {
  private resolved?: SourceLocation;
  /** Shown when no frame of the user's code is on the stack (kcc created the object itself). */
  fallback = '<created by kcc>';

  constructor(
    private readonly trace: { stack?: unknown },
    private readonly marked?: MarkedSite,
  ) {}

  /** The original file:line (source-mapped), relative to the working directory. */
  resolve(): SourceLocation {
    if (this.resolved) return this.resolved;
    if (this.marked) {
      this.resolved = { kind: 'typescript', file: displayPath(this.marked.file), line: this.marked.line, column: this.marked.column };
      return this.resolved;
    }
    const previousPrepare = Error.prepareStackTrace;
    let sites: NodeJS.CallSite[];
    try {
      Error.prepareStackTrace = (_error, callSites) => callSites;
      sites = (this.trace.stack as NodeJS.CallSite[] | undefined) ?? [];
    } finally {
      Error.prepareStackTrace = previousPrepare;
    }
    const site = sites.find((s) => isUserFrame(s.getFileName()));
    this.resolved = site ? mapLocation(site.getFileName()!, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0) : { kind: 'generated', file: this.fallback };
    return this.resolved;
  }

  /**
   * A SourceLocation whose fields resolve on first read. They are own, enumerable getters, so
   * spreading, JSON and deep equality see ordinary fields.
   */
  get location(): SourceLocation {
    const site = this;
    // An object literal with getters: about twice as cheap to create as four defineProperty calls.
    return {
      get kind() {
        return site.resolve().kind;
      },
      get file() {
        return site.resolve().file;
      },
      get line() {
        return site.resolve().line;
      },
      get column() {
        return site.resolve().column;
      },
    };
  }
}

/** kcc's own code: frames here are never "where the user wrote it". */
const KCC_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KCC_OWN_DIRS = [`${KCC_ROOT}src${sep}`, `${KCC_ROOT}dist${sep}`];

/** Per file name: is it the user's? Few distinct files, many objects: decide each once. */
const userFrameCache = new Map<string, boolean>();

function isUserFrame(file: string | null | undefined): file is string {
  if (!file) return false;
  let known = userFrameCache.get(file);
  if (known === undefined) {
    known = decideUserFrame(file);
    userFrameCache.set(file, known);
  }
  return known;
}

/**
 * The suffix of the modules `runProgram` imports a user's program from when it runs it without
 * loader hooks (kept in a cache, often under node_modules/.cache): those frames are the user's.
 */
const DIRECT_MODULE_SUFFIX = '.kcc-program.mjs';

function decideUserFrame(file: string): boolean {
  if (file.startsWith('node:') || file.startsWith('internal/')) return false;
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  if (!isAbsolute(path)) return false;
  if (path.endsWith(DIRECT_MODULE_SUFFIX)) return true;
  if (path.includes(`${sep}node_modules${sep}`)) return false;
  return !KCC_OWN_DIRS.some((dir) => path.startsWith(dir));
}

/**
 * Frames kept per capture. Capturing starts at the caller of `below` (for an ApiObject, the
 * caller of the most-derived class's constructor: the user's `new k8s.Deployment(...)`, or a
 * kcc-plus construct creating one for the user), so a few frames reach the user's code; V8's
 * cost grows with the frames kept, and this runs once per object.
 */
const FRAMES_TO_KEEP = 6;

/** A position the program's transpiled code recorded itself (project/creation-site-transform.ts). */
interface MarkedSite {
  file: string;
  line: number;
  column: number;
}

// Shared with the marked program through globalThis: the program's modules reach it without
// importing kcc. Its key is CREATION_SITES_KEY in project/creation-site-transform.ts.
const markedSites: MarkedSite[] = ((globalThis as Record<symbol, MarkedSite[] | undefined>)[Symbol.for('kcc.creationSites')] ??= []);

/**
 * Where a construct is being created: the innermost `new` (or `super(...)`) of a program run by
 * `runProgram`, which marks its own code; otherwise the stack at this point (see CreationSite).
 * `below` hides that function's frame and every frame above it (kcc's constructors).
 */
export function captureCreationSite(below: Function = captureCreationSite): CreationSite {
  const marked = markedSites[markedSites.length - 1];
  if (marked) return new CreationSite(NO_TRACE, marked);
  const previousLimit = Error.stackTraceLimit;
  const trace: { stack?: unknown } = {};
  try {
    Error.stackTraceLimit = FRAMES_TO_KEEP;
    Error.captureStackTrace(trace, below);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  return new CreationSite(trace);
}

const NO_TRACE = {};

/**
 * Forgets positions left on the stack by a constructor that threw (its `__kccLeave` never ran),
 * so they cannot be taken for the location of objects created later. Called around each run.
 */
export function clearMarkedSites(): void {
  markedSites.length = 0;
}

/**
 * Maps a generated position (1-based line and column, as V8 reports) to the original source
 * through the module's source map, when Node has one (source maps enabled and the module carries
 * one, as programs run by `runProgram` do).
 */
export function mapLocation(file: string, line: number, column: number): SourceLocation {
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  let original: { file: string; line: number; column: number } = { file: path, line, column };
  const map = findSourceMap(file) ?? (file.startsWith('file://') ? undefined : findSourceMap(path));
  if (map) {
    const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry && entry.originalSource !== undefined && entry.originalLine !== undefined) {
      const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      original = { file: source, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
    }
  }
  return { kind: 'typescript', file: displayPath(original.file), line: original.line, column: original.column };
}

/** Paths under the working directory are shown relative to it, as a user types them. */
export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}
