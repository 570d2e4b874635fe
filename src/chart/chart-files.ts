import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, posix, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { emitYaml } from '../core/yaml-emitter.js';

// Loaded on first use: most charts never glob.
const requireModule = createRequire(import.meta.url);
const picomatch = (pattern: string): ((path: string) => boolean) => (requireModule('picomatch') as typeof import('picomatch'))(pattern, { dot: true });

/**
 * Helm's `.Files` for a chart: the chart's other files, read on demand. As in Helm, templates/,
 * charts/ (subcharts), Chart.yaml, values files and lock files are not among them, nor anything
 * `.helmignore` excludes. Paths are relative to the chart and use "/".
 *
 * Handlebars calls a function found in the context with the mustache's arguments, so templates
 * write `{{Files.Get "config/app.conf"}}` and `{{#each (Files.Glob "config/*.conf")}}`. Helm's
 * methods on a glob's result become methods taking the pattern:
 * `{{nindent 2 (Files.AsConfig "config/*")}}`, `{{nindent 2 (Files.AsSecrets "certs/*")}}`.
 */
export class ChartFiles {
  private names?: string[];
  private nameSet?: Set<string>;

  constructor(private readonly dir: string) {
    // Methods are handed to templates on their own: they must not depend on `this` at the call.
    const self = this as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['Get', 'GetBytes', 'Lines', 'Glob', 'AsConfig', 'AsSecrets']) self[method] = self[method]!.bind(this);
  }

  /** The file's text; "" when there is no such file (as in Helm). */
  Get(name: unknown): string {
    const path = this.normalize(name);
    if (path === undefined || !this.known().has(path)) return '';
    return readFileSync(join(this.dir, ...path.split('/')), 'utf8');
  }

  /** Helm's GetBytes: the same content (templates only ever see text). */
  GetBytes(name: unknown): string {
    return this.Get(name);
  }

  /** The file's lines, without their line ends. */
  Lines(name: unknown): string[] {
    const text = this.Get(name);
    if (text === '') return [];
    return text.replace(/\r?\n$/, '').split(/\r?\n/);
  }

  /** Path -> content of every file matching a glob (`*` stays within a directory, `**` does not). */
  Glob(pattern: unknown): Record<string, string> {
    const matches = picomatch(String(pattern));
    const out: Record<string, string> = {};
    for (const path of this.list()) if (matches(path)) out[path] = this.Get(path);
    return out;
  }

  /** A YAML map of base file name -> content for the matching files: ConfigMap `data`. */
  AsConfig(pattern: unknown): string {
    return this.asMap(pattern, (content) => content);
  }

  /** The same with base64 content: Secret `data`. */
  AsSecrets(pattern: unknown): string {
    return this.asMap(pattern, (content) => Buffer.from(content, 'utf8').toString('base64'));
  }

  private asMap(pattern: unknown, encode: (content: string) => string): string {
    const map: Record<string, string> = {};
    for (const [path, content] of Object.entries(this.Glob(pattern))) map[basename(path)] = encode(content);
    return Object.keys(map).length ? emitYaml(map, { canonicalKeys: true }).replace(/\n$/, '') : '';
  }

  private normalize(name: unknown): string | undefined {
    if (typeof name !== 'string' || name === '') return undefined;
    const path = posix.normalize(name.split(sep).join('/')).replace(/^\.\//, '');
    return path.startsWith('../') || path.startsWith('/') || path === '..' ? undefined : path;
  }

  private known(): Set<string> {
    return (this.nameSet ??= new Set(this.list()));
  }

  /** Every file .Files holds, sorted; listed once, on first use. */
  private list(): string[] {
    if (this.names) return this.names;
    const ignored = helmIgnore(this.dir);
    const names: string[] = [];
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        const full = join(directory, entry.name);
        const path = relative(this.dir, full).split(sep).join('/');
        const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isDirectory() === true);
        if (isDirectory ? NOT_FILES_DIRECTORIES.has(path) : NOT_FILES.has(path)) continue;
        if (ignored(path, isDirectory)) continue;
        if (isDirectory) walk(full);
        else names.push(path);
      }
    };
    walk(this.dir);
    this.names = names.sort();
    return names;
  }
}

/** What Helm reads into other parts of a chart rather than into .Files. */
const NOT_FILES_DIRECTORIES = new Set(['templates', 'charts']);
const NOT_FILES = new Set(['Chart.yaml', 'Chart.lock', 'values.yaml', 'values.schema.json', 'requirements.yaml', 'requirements.lock', '.helmignore']);

/**
 * `.helmignore` as Helm reads it: one glob per line, `#` comments; a pattern without "/" matches
 * a name at any depth, one with "/" the path from the chart's root; a trailing "/" only
 * directories; a leading "!" re-includes what an earlier line excluded.
 */
export function helmIgnore(dir: string): (path: string, isDirectory: boolean) => boolean {
  let text: string;
  try {
    text = readFileSync(join(dir, '.helmignore'), 'utf8');
  } catch {
    return () => false;
  }
  const rules = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const negated = line.startsWith('!');
      let pattern = negated ? line.slice(1) : line;
      const directoryOnly = pattern.endsWith('/');
      if (directoryOnly) pattern = pattern.slice(0, -1);
      const anchored = pattern.includes('/');
      const matches = picomatch(pattern.replace(/^\//, ''));
      return { negated, directoryOnly, test: (path: string) => matches(anchored ? path : basename(path)) };
    });
  return (path, isDirectory) => {
    let ignored = false;
    for (const rule of rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.test(path)) ignored = !rule.negated;
    }
    return ignored;
  };
}
