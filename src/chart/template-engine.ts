import type Handlebars from 'handlebars';
import HandlebarsRuntime from 'handlebars/runtime.js';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { collectionHelpers } from './helpers/collections.js';
import { encodingHelpers } from './helpers/encoding.js';
import { logicHelpers } from './helpers/logic.js';
import { semverHelpers } from './helpers/semver.js';
import { stringHelpers } from './helpers/strings.js';
import { yamlHelpers } from './helpers/yaml.js';
import { isEmpty } from './helpers/values-semantics.js';
import { insertLineMarkers } from './line-markers.js';
import { loadCompiledFile, storeCompiledFile, templateCacheKey, type CompiledFile, type CompiledKind } from './template-cache.js';

const requireModule = createRequire(import.meta.url);
let fullHandlebars: typeof Handlebars | undefined;

/**
 * Handlebars' parser and compiler, loaded on first use: a render whose templates are all in the
 * compiled-template cache (template-cache.ts) needs only the runtime.
 */
function compiler(): typeof Handlebars {
  return (fullHandlebars ??= requireModule('handlebars') as typeof Handlebars);
}

/** How deep include/tpl may nest before kcc assumes a template calls itself forever. */
export const DEFAULT_MAX_DEPTH = 100;

type Helper = (...args: any[]) => unknown;
type HelperOptions = { loc?: { start: { line: number; column: number } }; name?: string; hash?: Record<string, unknown>; data?: unknown };
type Compiled = (context: unknown, data?: unknown) => string;

interface Frame {
  file: string;
  chart: string;
  call: string;
}

interface NamedTemplate {
  name: string;
  file: string;
  chart: string;
  render: Compiled;
}

const COMPILE_OPTIONS = { noEscape: true, strict: false } as const;
// The AST handed to compile() has been through whitespace control already; a second standalone
// pass would see the line markers and must not run.
const COMPILE_PARSED_OPTIONS = { ...COMPILE_OPTIONS, ignoreStandalone: true } as const;

/**
 * One Handlebars environment per render: helpers, named templates (partials) of the chart and its
 * subcharts, and the include/tpl call stack. Every error it raises is a KccError at the template
 * file:line:column where it happened.
 */
export class TemplateEngine {
  private readonly handlebars = (HandlebarsRuntime as unknown as typeof Handlebars).create();
  private readonly named = new Map<string, NamedTemplate>();
  private readonly stack: Frame[] = [];
  private readonly tplCache = new Map<string, Compiled>();
  /** file -> "line:column" of each `required` call -> the value path it checks. */
  private readonly requiredKeys = new Map<string, Map<string, string>>();

  constructor(private readonly maxDepth = DEFAULT_MAX_DEPTH) {
    for (const table of [stringHelpers, encodingHelpers, logicHelpers, collectionHelpers, yamlHelpers, semverHelpers]) {
      for (const [name, helper] of Object.entries(table)) this.registerPlain(name, helper);
    }
    const engine = this;
    this.handlebars.registerHelper('include', function (this: unknown, name: string, ...rest: unknown[]) {
      const options = rest.pop() as HelperOptions;
      return engine.include(name, rest.length ? rest[0] : this, options);
    });
    this.handlebars.registerHelper('tpl', function (this: unknown, text: string, ...rest: unknown[]) {
      const options = rest.pop() as HelperOptions;
      return engine.tpl(text, rest.length ? rest[0] : this, options);
    });
    this.handlebars.registerHelper('required', (message: string, ...rest: unknown[]) => {
      const options = rest.pop() as HelperOptions;
      return engine.required(message, rest[0], options);
    });
    this.handlebars.registerHelper('fail', (message: string, options: HelperOptions) => {
      throw engine.errorAt(options, new Error(String(message)));
    });
    // Conditions follow Go templates (and so Helm charts): an empty map is false, as are 0, "",
    // empty lists, null and false. Handlebars' own `if` would treat `{}` as true.
    type BlockOptions = { fn: (context: unknown) => string; inverse: (context: unknown) => string };
    this.handlebars.registerHelper('if', function (this: unknown, condition: unknown, options: BlockOptions) {
      return isEmpty(condition) ? options.inverse(this) : options.fn(this);
    });
    this.handlebars.registerHelper('unless', function (this: unknown, condition: unknown, options: BlockOptions) {
      return isEmpty(condition) ? options.fn(this) : options.inverse(this);
    });
    this.handlebars.registerHelper('with', function (this: unknown, value: unknown, options: BlockOptions) {
      return isEmpty(value) ? options.inverse(this) : options.fn(value);
    });
    this.handlebars.registerHelper('helperMissing', (...args: unknown[]) => {
      const options = args.pop() as HelperOptions;
      if (args.length === 0) return undefined;
      throw engine.errorAt(options, new Error(`unknown helper "${options.name}"`), 'see the chart helper list in docs, or check the spelling');
    });
  }

  /** Registers a helper that does not need Handlebars' options, turning its failures into located errors. */
  private registerPlain(name: string, helper: Helper): void {
    const engine = this;
    this.handlebars.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.pop() as HelperOptions;
      try {
        return helper.apply(this, args);
      } catch (error) {
        throw engine.errorAt(options, error);
      }
    });
  }

  /*
   * include and tpl pass the caller's data frame on, so @root stays the chart's root context
   * (Values, Release, Chart...) inside named templates: `{{include "labels" this}}` works from
   * within an `{{#each}}` loop without threading the root through a dict as Helm charts must.
   */

  /**
   * Registers the named templates in a partial file (`templates/_*.hbs`): each top-level
   * `{{#define "name"}}...{{/define}}` block, or, without any, the whole file under its own name
   * (`_labels.hbs` -> "labels"). Names are global across a chart and its subcharts, as in Helm.
   */
  addPartialFile(file: string, source: string, chart: string): void {
    const compiled = this.compiledFile('partial', file, source, () => {
      const program = this.parse(file, source);
      const requiredKeys = this.requiredKeysOf(program);
      const defines = program.body.filter((node: hbs.AST.Statement): node is hbs.AST.BlockStatement => node.type === 'BlockStatement' && (node as hbs.AST.BlockStatement).path.original === 'define');
      if (defines.length === 0) return { spec: this.precompile(file, program), requiredKeys };
      const named = defines.map((block) => {
        const first = block.params[0];
        if (!first || first.type !== 'StringLiteral') {
          throw new KccError('define needs a template name in quotes, e.g. {{#define "web.labels"}}', { location: this.locationOf(file, block.loc) });
        }
        return { name: (first as hbs.AST.StringLiteral).value, spec: this.precompile(file, block.program) };
      });
      return { named, requiredKeys };
    });
    if (compiled.spec !== undefined) {
      const name = basename(file).replace(/^_/, '').replace(/\.[^.]+$/, '');
      this.addNamed({ name, file, chart, render: this.compileSpec(file, compiled.spec) });
      return;
    }
    for (const { name, spec } of compiled.named ?? []) this.addNamed({ name, file, chart, render: this.compileSpec(file, spec) });
  }

  /**
   * A file's compiled form: from the cache when this text was compiled before, else compiled
   * (the only place syntax errors arise) and stored. Notes the file's `required` keys either way.
   */
  private compiledFile(kind: CompiledKind, file: string, source: string, compile: () => CompiledFile): CompiledFile {
    const key = templateCacheKey(kind, source);
    let compiled = loadCompiledFile(key);
    if (!compiled) {
      compiled = compile();
      storeCompiledFile(key, compiled);
    }
    if (compiled.requiredKeys.length) this.requiredKeys.set(file, new Map(compiled.requiredKeys));
    return compiled;
  }

  private addNamed(template: NamedTemplate): void {
    this.named.set(template.name, template);
    const engine = this;
    // `{{> name}}` goes through include as well, so both forms share the recursion bound.
    // Handlebars' standalone-partial handling needs the text's own final newline, so keep it there.
    this.handlebars.registerPartial(template.name, ((context: unknown, options?: HelperOptions) => engine.include(template.name, context, { data: options?.data }, true)) as unknown as Handlebars.Template);
  }

  /**
   * Compiles a manifest template with line markers (see line-markers.ts); the returned function
   * renders it in the given chart's name for error messages.
   */
  compileTemplate(file: string, source: string, chart: string): (context: unknown) => string {
    const compiled = this.compiledFile('template', file, source, () => {
      const program = insertLineMarkers(this.parse(file, source));
      return { spec: this.precompile(file, program), requiredKeys: this.requiredKeysOf(program) };
    });
    const render = this.compileSpec(file, compiled.spec!);
    return (context) => this.enter({ file, chart, call: file }, () => render(context), undefined);
  }

  /** Compiles plain text (NOTES.txt): no line markers. */
  compileText(file: string, source: string, chart: string): (context: unknown) => string {
    const compiled = this.compiledFile('text', file, source, () => {
      const program = this.parse(file, source);
      return { spec: this.precompile(file, program), requiredKeys: this.requiredKeysOf(program) };
    });
    const render = this.compileSpec(file, compiled.spec!);
    return (context) => this.enter({ file, chart, call: file }, () => render(context), undefined);
  }

  hasNamedTemplate(name: string): boolean {
    return this.named.has(name);
  }

  private parse(file: string, source: string): hbs.AST.Program {
    try {
      return compiler().parse(source);
    } catch (error) {
      throw syntaxError(file, error);
    }
  }

  /** Handlebars' precompiled JavaScript for a parsed (and marked) template. */
  private precompile(file: string, program: hbs.AST.Program): string {
    try {
      return compiler().precompile(program as unknown as string, COMPILE_PARSED_OPTIONS) as string;
    } catch (error) {
      throw syntaxError(file, error);
    }
  }

  private compileParsed(file: string, program: hbs.AST.Program): Compiled {
    return this.compileSpec(file, this.precompile(file, program));
  }

  private compileSpec(file: string, spec: string): Compiled {
    const template = this.instantiate(spec);
    return (context, data) => {
      try {
        return template(context, data === undefined ? undefined : { data });
      } catch (error) {
        if (error instanceof KccError) throw error;
        // Handlebars reports compile problems (a mismatched block, a bad partial) on first use.
        throw syntaxError(file, error);
      }
    };
  }

  /**
   * Compiles eagerly (so compile errors surface before anything renders) and makes repeated calls
   * cheap. Handlebars re-merges every registered helper into the template's container on each
   * top-level call (its `_setup`); include calls a named template once per loop iteration, and that
   * merge dominated rendering (about 90 helpers per call). Helpers and partials are all registered
   * before the first render and never change, so the first setup is kept.
   */
  private instantiate(spec: string): Handlebars.TemplateDelegate {
    // precompile returns the template as JavaScript source; this is what Handlebars.compile does too.
    const template = this.handlebars.template(new Function(`return ${spec}`)()) as Handlebars.TemplateDelegate & { _setup: (options: unknown) => void };
    const setup = template._setup;
    let prepared = false;
    template._setup = function (this: unknown, options: unknown) {
      if (prepared) return;
      setup.call(this, options);
      prepared = true;
    };
    return template;
  }

  private include(name: string, context: unknown, options: HelperOptions, keepNewline = false): string {
    const template = this.named.get(name);
    if (!template) {
      throw this.errorAt(options, new Error(`include: no template named "${name}"`), `define it in a templates/_*.hbs file with {{#define "${name}"}}...{{/define}}`);
    }
    // A named template's text ends with the newline before {{/define}} (or the file's last newline);
    // dropping it lets `{{nindent 4 (include "x" this)}}` line up without a blank line, as Helm's
    // `{{- end}}` does.
    const text = this.enter({ file: template.file, chart: template.chart, call: `include "${name}"` }, () => template.render(context, options.data), options);
    return !keepNewline && text.endsWith('\n') ? text.slice(0, -1) : text;
  }

  private tpl(text: unknown, context: unknown, options: HelperOptions): string {
    const source = text === null || text === undefined ? '' : String(text);
    const caller = this.stack.at(-1);
    const file = `${caller?.file ?? 'tpl'} (tpl)`;
    let render = this.tplCache.get(source);
    if (!render) {
      let program: hbs.AST.Program;
      try {
        program = compiler().parse(source);
      } catch (error) {
        throw this.errorAt(options, new Error(`tpl: ${firstLine((error as Error).message)}`));
      }
      render = this.compileParsed(file, program);
      this.tplCache.set(source, render);
    }
    const compiled = render;
    return this.enter({ file, chart: caller?.chart ?? '', call: 'tpl' }, () => compiled(context, options.data), options);
  }

  private required(message: string, value: unknown, options: HelperOptions): unknown {
    if (value !== null && value !== undefined && value !== '') return value;
    const frame = this.stack.at(-1);
    const start = options.loc?.start;
    const key = frame && start ? this.requiredKeys.get(frame.file)?.get(`${start.line}:${start.column}`) : undefined;
    const what = key ? `required value ${key}` : 'a required value';
    throw new KccError(`${what} is not set in chart "${frame?.chart ?? ''}": ${message}`, {
      location: this.locationOf(frame?.file ?? '', options.loc),
      hint: key ? `set it with --set ${key.replace(/^Values\./, '')}=... or in a values file` : undefined,
    });
  }

  private enter(frame: Frame, run: () => string, options: HelperOptions | undefined): string {
    if (this.stack.length > this.maxDepth) {
      const chain = this.stack.slice(-5).map((f) => f.call).join(' -> ');
      throw this.errorAt(options ?? {}, new Error(`include/tpl nested more than ${this.maxDepth} levels deep (… ${chain} -> ${frame.call}); a template probably includes itself`));
    }
    this.stack.push(frame);
    try {
      return run();
    } finally {
      this.stack.pop();
    }
  }

  private locationOf(file: string, loc: { start: { line: number; column: number } } | undefined): SourceLocation {
    return { kind: 'template', file, line: loc?.start.line, column: loc ? loc.start.column + 1 : undefined };
  }

  /** An error raised by a helper, placed at the helper call in the template being rendered. */
  errorAt(options: HelperOptions, error: unknown, hint?: string): KccError {
    if (error instanceof KccError) return error;
    const frame = this.stack.at(-1);
    const message = error instanceof Error ? error.message : String(error);
    const name = options.name && !message.includes(options.name) ? `${options.name}: ` : '';
    return new KccError(`${name}${message}`, { location: this.locationOf(frame?.file ?? '', options.loc), hint, cause: error });
  }

  /** Which value each `required` call checks ("line:column" -> path), to name the key when it is missing. */
  private requiredKeysOf(program: hbs.AST.Program): [string, string][] {
    const keys: [string, string][] = [];
    const visit = (node: any): void => {
      if (!node || typeof node !== 'object') return;
      if ((node.type === 'MustacheStatement' || node.type === 'SubExpression') && node.path?.original === 'required') {
        const checked = node.params?.[1];
        if (checked?.type === 'PathExpression') keys.push([`${node.loc.start.line}:${node.loc.start.column}`, String(checked.original).replace(/^(@root\.|this\.)/, '')]);
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(visit);
        else if (value && typeof value === 'object' && (value as { type?: string }).type) visit(value);
      }
    };
    visit(program);
    return keys;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

/**
 * A Handlebars parse or compile error as "file:line:column: message". The parser's message holds
 * an excerpt with the newlines removed, useless for locating; the lexer still holds the position
 * of the token it failed on.
 */
function syntaxError(file: string, error: unknown): KccError {
  const err = error as Error & { lineNumber?: number; column?: number };
  let line = err.lineNumber;
  let column = err.column === undefined ? undefined : err.column + 1;
  let message = err.message.replace(/ - \d+:\d+$/, '');
  const parseFailure = /^Parse error on line (\d+):/.exec(err.message);
  if (parseFailure) {
    const lexer = (compiler() as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer;
    line = lexer?.yylloc?.first_line ?? Number(parseFailure[1]);
    column = lexer?.yylloc ? lexer.yylloc.first_column + 1 : undefined;
    const expected = err.message.split('\n').at(-1) ?? '';
    message = `template syntax error: ${expected}`;
  } else {
    message = `template syntax error: ${message}`;
  }
  return new KccError(message, { location: { kind: 'template', file, line, column }, cause: error });
}
