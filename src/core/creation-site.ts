import { findSourceMap } from 'node:module';
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceLocation } from './kube-object.js';

/**
 * Where the user's code created a construct. Capturing is cheap (raw V8 call sites, a few
 * frames); mapping through source maps to the original TypeScript line happens only when the
 * location is read, once per object at synth.
 */
export class CreationSite {
  private resolved?: SourceLocation;

  constructor(
    private readonly file: string,
    private readonly line: number,
    private readonly column: number,
  ) {}

  /** The original file:line (source-mapped when a map exists), relative to the working directory. */
  get location(): SourceLocation {
    this.resolved ??= mapLocation(this.file, this.line, this.column);
    return this.resolved;
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

function decideUserFrame(file: string): boolean {
  if (file.startsWith('node:') || file.startsWith('internal/')) return false;
  const path = file.startsWith('file://') ? fileURLToPath(file) : file;
  if (!isAbsolute(path)) return false;
  if (path.includes(`${sep}node_modules${sep}`)) return false;
  return !KCC_OWN_DIRS.some((dir) => path.startsWith(dir));
}

/**
 * Frames V8 collects per capture. Collecting is the expensive part (tens of thousands of objects
 * in a big app), so look at a few frames first: the user's line is usually within the first
 * three or four (ApiObject, generated class, maybe a kcc-plus construct). Deeper helper stacks
 * get a second, fuller capture.
 */
const FRAMES_FIRST_TRY = 8;
const FRAMES_SECOND_TRY = 64;

/**
 * The first stack frame outside kcc and node_modules: the line of the user's program that made
 * this construct (possibly through their own helper functions). Undefined when there is none,
 * e.g. when kcc creates an object for itself.
 */
export function captureCreationSite(): CreationSite | undefined {
  return findUserFrame(FRAMES_FIRST_TRY) ?? findUserFrame(FRAMES_SECOND_TRY);
}

function findUserFrame(limit: number): CreationSite | undefined {
  const previousPrepare = Error.prepareStackTrace;
  const previousLimit = Error.stackTraceLimit;
  const holder: { stack?: NodeJS.CallSite[] } = {};
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    Error.stackTraceLimit = limit;
    Error.captureStackTrace(holder, findUserFrame);
    const sites = holder.stack ?? [];
    for (const site of sites) {
      const file = site.getFileName();
      if (isUserFrame(file)) return new CreationSite(file, site.getLineNumber() ?? 0, site.getColumnNumber() ?? 0);
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = previousPrepare;
    Error.stackTraceLimit = previousLimit;
  }
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
