import { resolvePlainScalar } from './yaml-scalars.js';

/**
 * A fast reader for the block-style YAML that templates and hand-written manifests use: nested
 * block mappings and sequences, plain and single-line quoted scalars, `|` literal blocks, empty or
 * simple flow collections, comments. It reads the common case several times faster than a general
 * YAML library, because it works line by line and builds no document tree.
 *
 * It is only ever a shortcut: whenever it meets something outside that subset (anchors, tags,
 * folded or multi-line scalars, complex keys, tabs, odd indentation, duplicate keys...) it gives
 * up and returns undefined, and the caller parses the document with the full parser
 * (chart/yaml-parse.ts, schema/kubectl-yaml.ts), which also produces the error message if the
 * document is invalid. Values are read as the full parser reads them (YAML 1.1 scalars, as
 * kubectl); a test compares the two on many documents. Charts (rendered output, values files) and
 * `kcc validate` share it; overlays keep their own YAML 1.2 reader (overlay/fast-yaml.ts), since
 * kustomize resolves scalars as YAML 1.2.
 */
export function parseFastYaml(lines: string[]): unknown {
  try {
    return new FastYamlReader(lines).read();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

const GIVE_UP = Symbol('give up');
function giveUp(): never {
  throw GIVE_UP;
}

// A plain scalar or key may not start with these indicators (YAML 1.2 §7.3.3), except "-", "?",
// ":" followed by a non-space, which the callers check separately.
const INDICATOR = /^[\[\]{},#&*!|>'"%@`]/;
const INDICATOR_CODES = new Set([...'[]{},#&*!|>\'"%@`'].map((char) => char.charCodeAt(0)));
function isIndicator(code: number): boolean {
  return INDICATOR_CODES.has(code);
}
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

class FastYamlReader {
  private index = 0;
  /**
   * Column where each line's content starts, or -1 for blank and comment lines; computed once.
   * For "- key: value" the mapping starts at "key", so that entry is moved to key's column.
   */
  private readonly indents: Int32Array;

  constructor(private readonly lines: string[]) {
    const indents = new Int32Array(lines.length);
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index]!;
      let column = 0;
      while (line.charCodeAt(column) === 32) column++;
      const char = line.charCodeAt(column);
      // Tabs and carriage returns in indentation are legal in places but rare; the full parser decides.
      if (char === 9 || (column < line.length && line.charCodeAt(line.length - 1) === 13)) indents[index] = -2;
      else indents[index] = column === line.length || char === 35 /* # */ ? -1 : column;
    }
    this.indents = indents;
  }

  read(): unknown {
    const first = this.next();
    if (first === -1) return null;
    const opening = this.lines[first]!.charCodeAt(this.indents[first]!);
    // A document written as one flow collection (JSON, or the kubernetes.io docs' `{ kind: ... }`).
    if (opening === 123 /* { */ || opening === 91 /* [ */) return new FlowReader(this.lines.slice(first).join('\n')).read();
    const value = this.node(this.indents[first]!);
    if (this.next() !== -1) giveUp();
    return value;
  }

  /** Index of the next line with content (skipping blank and comment lines), or -1. */
  private next(): number {
    const indents = this.indents;
    while (this.index < indents.length) {
      const indent = indents[this.index]!;
      if (indent >= 0) return this.index;
      if (indent === -2) giveUp();
      this.index++;
    }
    return -1;
  }

  private indentOf(lineIndex: number): number {
    return this.indents[lineIndex]!;
  }

  private isSequenceEntry(line: string, column: number): boolean {
    return line.charCodeAt(column) === 45 /* - */ && (column + 1 === line.length || line.charCodeAt(column + 1) === 32);
  }

  private node(indent: number): unknown {
    const lineIndex = this.next();
    const line = this.lines[lineIndex]!;
    return this.isSequenceEntry(line, indent) ? this.sequence(indent) : this.mapping(indent);
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let lineIndex = this.next(); lineIndex !== -1; lineIndex = this.next()) {
      const line = this.lines[lineIndex]!;
      const column = this.indentOf(lineIndex);
      if (column < indent) break;
      if (column > indent || this.isSequenceEntry(line, column)) giveUp();
      const key = this.splitKey(line, column);
      if (key === '__proto__' || (map[key] !== undefined && Object.prototype.hasOwnProperty.call(map, key))) giveUp();
      this.index++;
      map[key] = this.value(line, this.valueStart, indent, true);
    }
    return map;
  }

  private sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    for (let lineIndex = this.next(); lineIndex !== -1; lineIndex = this.next()) {
      const line = this.lines[lineIndex]!;
      const column = this.indentOf(lineIndex);
      if (column < indent || (column === indent && !this.isSequenceEntry(line, column))) break;
      if (column > indent) giveUp();
      let start = column + 1;
      while (line.charCodeAt(start) === 32) start++;
      const rest = line.slice(start);
      if (rest === '' || rest[0] === '#') {
        this.index++;
        list.push(this.value(line, line.length, indent, false));
      } else if (this.isSequenceEntry(rest, 0) || rest[0] === '?') {
        giveUp();
      } else if (rest[0] !== '|' && rest[0] !== '>' && this.hasKey(rest)) {
        // "- key: value" opens a mapping whose keys sit at the column of "key".
        this.indents[lineIndex] = start;
        list.push(this.mapping(start));
      } else {
        this.index++;
        list.push(this.value(line, start, indent, false));
      }
    }
    return list;
  }

  /** Whether "- <rest>" starts a mapping: a key followed by ": " or ":" at the end. */
  private hasKey(rest: string): boolean {
    if (rest[0] === '"' || rest[0] === "'") {
      const end = quotedScalarEnd(rest);
      return end !== -1 && rest[end + 1] === ':';
    }
    if (rest[0] === '[' || rest[0] === '{') return false;
    return rest.includes(': ') || rest.endsWith(':');
  }

  /** Where the value starts on the line of the key splitKey last read. */
  private valueStart = 0;

  /** The key of a "key: value" line (plain or quoted); sets valueStart. */
  private splitKey(line: string, column: number): string {
    const first = line.charCodeAt(column);
    if (first === 34 /* " */ || first === 39 /* ' */) {
      const text = line.slice(column);
      const end = quotedScalarEnd(text);
      if (end === -1 || text[end + 1] !== ':') giveUp();
      if (end + 2 < text.length && text[end + 2] !== ' ') giveUp();
      this.valueStart = column + end + 2;
      return this.quoted(text.slice(0, end + 1));
    }
    if (isIndicator(first) || first === 63 /* ? */ || (first === 58 /* : */ && (column + 1 === line.length || line.charCodeAt(column + 1) === 32))) giveUp();
    let separator = line.indexOf(': ', column);
    if (separator === -1) {
      if (line.charCodeAt(line.length - 1) !== 58) giveUp();
      separator = line.length - 1;
    }
    let end = separator;
    while (end > column && line.charCodeAt(end - 1) === 32) end--;
    const raw = line.slice(column, end);
    if (raw === '' || raw === '<<' || raw.includes(' #')) giveUp();
    const key = resolvePlainScalar(raw);
    if (typeof key !== 'string') giveUp();
    this.valueStart = separator + 1;
    return key;
  }

  /** The value after "key:" or "- ", whose parent collection sits at `indent`. */
  private value(line: string, from: number, indent: number, inMapping: boolean): unknown {
    let start = from;
    while (line.charCodeAt(start) === 32) start++;
    if (start >= line.length || line.charCodeAt(start) === 35 /* # */) {
      const lineIndex = this.next();
      if (lineIndex === -1) return null;
      const column = this.indentOf(lineIndex);
      if (column > indent) return this.node(column);
      // YAML lets a mapping's sequence value sit at the key's own indentation.
      if (inMapping && column === indent && this.isSequenceEntry(this.lines[lineIndex]!, column)) return this.sequence(indent);
      return null;
    }
    const text = line.slice(start);
    if (text[0] === '|') return this.literalBlock(text, indent);
    const value = this.inline(text);
    const lineIndex = this.next();
    // A deeper line after a scalar would continue it (a multi-line plain scalar): not handled here.
    if (lineIndex !== -1 && this.indentOf(lineIndex) > indent) giveUp();
    return value;
  }

  private inline(text: string): unknown {
    const first = text[0]!;
    if (first === '"' || first === "'") {
      const end = quotedScalarEnd(text);
      if (end === -1) giveUp();
      this.checkTrailing(text.slice(end + 1));
      return this.quoted(text.slice(0, end + 1));
    }
    if (first === '[' || first === '{') return this.flow(stripComment(text));
    if (isIndicator(text.charCodeAt(0)) || ((first === '-' || first === '?' || first === ':') && (text.length === 1 || text[1] === ' '))) giveUp();
    const plain = stripComment(text);
    if (plain.includes(': ') || plain.endsWith(':')) giveUp();
    return resolvePlainScalar(plain);
  }

  private checkTrailing(after: string): void {
    if (after !== '' && !/^[ \t]+(#.*)?$/.test(after)) giveUp();
  }


  private quoted(text: string): string {
    const body = text.slice(1, -1);
    if (text[0] === "'") return body.replace(/''/g, "'");
    // JSON's escapes are a subset of YAML's; other YAML escapes (\x41, \e, \N...) go to the full parser.
    if (/[\u0000-\u001f]/.test(body)) giveUp();
    if (!body.includes('\\')) return body;
    if (body.replace(JSON_ESCAPES, '').includes('\\')) giveUp();
    return JSON.parse(text) as string;
  }

  /** `[]`, `{}`, or a flat flow sequence of scalars: `[a, "b c", 3]`. */
  private flow(text: string): unknown {
    if (text === '[]') return [];
    if (text === '{}') return {};
    if (text[0] !== '[' || !text.endsWith(']')) giveUp();
    const items: unknown[] = [];
    let rest = text.slice(1, -1).trim();
    while (rest !== '') {
      let item: unknown;
      if (rest[0] === '"' || rest[0] === "'") {
        const end = quotedScalarEnd(rest);
        if (end === -1) giveUp();
        item = this.quoted(rest.slice(0, end + 1));
        rest = rest.slice(end + 1).trimStart();
      } else {
        const comma = rest.indexOf(',');
        const plain = (comma === -1 ? rest : rest.slice(0, comma)).trim();
        if (plain === '' || /[\[\]{}#]|: |:$/.test(plain) || INDICATOR.test(plain)) giveUp();
        item = resolvePlainScalar(plain);
        rest = comma === -1 ? '' : rest.slice(comma);
      }
      items.push(item);
      if (rest === '') break;
      if (rest[0] !== ',') giveUp();
      rest = rest.slice(1).trimStart();
    }
    return items;
  }

  /** `|`, `|-`, `|+` literal blocks (folded `>` and explicit indentation go to the full parser). */
  private literalBlock(header: string, indent: number): string {
    const match = /^\|([-+]?)[ \t]*(#.*)?$/.exec(header);
    if (!match) giveUp();
    const chomp = match[1];
    const lines = this.lines;
    const body: string[] = [];
    let blockIndent = -1;
    while (this.index < lines.length) {
      const line = lines[this.index]!;
      let column = 0;
      while (line.charCodeAt(column) === 32) column++;
      const blank = column === line.length;
      if (line.endsWith('\r')) giveUp();
      if (!blank) {
        if (line[column] === '\t' && blockIndent === -1) giveUp();
        if (blockIndent === -1) {
          if (column <= indent) break;
          blockIndent = column;
          // Leading blank lines longer than the content's indentation are an error in YAML.
          if (body.some((b) => b.length > blockIndent)) giveUp();
        } else if (column < blockIndent) break;
      } else if (blockIndent !== -1 && line.length > blockIndent) {
        // A spaces-only line deeper than the text: content or not depends on chomping subtleties.
        giveUp();
      }
      body.push(line);
      this.index++;
    }
    if (blockIndent === -1) blockIndent = indent + 1;
    let end = body.length;
    while (end > 0 && body[end - 1]!.trim() === '') end--;
    const content = body.slice(0, end).map((line) => (line.trim() === '' ? '' : line.slice(blockIndent)));
    const trailing = body.length - end;
    if (content.length === 0) return chomp === '+' ? '\n'.repeat(trailing) : '';
    const text = content.join('\n');
    if (chomp === '-') return text;
    if (chomp === '+') return `${text}\n${'\n'.repeat(trailing)}`;
    return `${text}\n`;
  }
}

/**
 * A document that is one flow collection, possibly over many lines: `{`/`[` collections of
 * quoted and plain scalars, with trailing commas and comments. It gives up on what it does not
 * read exactly as the full parser does: multi-line scalars, keys without a following space,
 * implicit pairs in sequences, empty values, tabs, aliases, tags, duplicate keys.
 */
class FlowReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(): unknown {
    const value = this.value();
    this.space();
    if (this.at < this.text.length) giveUp();
    return value;
  }

  /** Skips spaces, line breaks and comments (a `#` after a space or at a line start). */
  private space(): void {
    const text = this.text;
    while (this.at < text.length) {
      const code = text.charCodeAt(this.at);
      if (code === 32 || code === 10) this.at++;
      else if (code === 35 /* # */ && (this.at === 0 || text.charCodeAt(this.at - 1) === 32 || text.charCodeAt(this.at - 1) === 10)) {
        const end = text.indexOf('\n', this.at);
        this.at = end === -1 ? text.length : end;
      } else if (code === 9 || code === 13) giveUp();
      else return;
    }
  }

  private value(): unknown {
    this.space();
    const char = this.text[this.at];
    if (char === '{') return this.mapping();
    if (char === '[') return this.sequence();
    if (char === '"' || char === "'") return this.quoted();
    const plain = this.plain();
    return resolvePlainScalar(plain);
  }

  private mapping(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === '}') break;
      const first = this.text[this.at];
      const key = first === '"' || first === "'" ? this.quoted() : resolvePlainScalar(this.plain());
      if (typeof key !== 'string' || key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) giveUp();
      this.space();
      if (this.text[this.at] !== ':' || !this.spaceAfter(this.at)) giveUp();
      this.at++;
      this.space();
      const next = this.text[this.at];
      if (next === ',' || next === '}' || next === undefined) giveUp();
      map[key] = this.value();
      if (!this.separator('}')) break;
    }
    this.at++;
    return map;
  }

  private sequence(): unknown[] {
    const list: unknown[] = [];
    this.at++;
    for (;;) {
      this.space();
      if (this.text[this.at] === ']') break;
      list.push(this.value());
      this.space();
      // `[a: 1]` is a sequence holding a mapping: left to the full parser.
      if (this.text[this.at] === ':') giveUp();
      if (!this.separator(']')) break;
    }
    this.at++;
    return list;
  }

  /** After an entry: true after a comma (more may follow), false at the closing bracket. */
  private separator(close: string): boolean {
    this.space();
    const char = this.text[this.at];
    if (char === ',') {
      this.at++;
      return true;
    }
    if (char !== close) giveUp();
    return false;
  }

  private spaceAfter(index: number): boolean {
    const code = this.text.charCodeAt(index + 1);
    return code === 32 || code === 10;
  }

  private quoted(): string {
    const text = this.text;
    const quote = text[this.at];
    for (let index = this.at + 1; index < text.length; index++) {
      const char = text[index];
      if (char === '\n') giveUp();
      if (quote === '"' && char === '\\') index++;
      else if (char === quote) {
        if (quote === "'" && text[index + 1] === "'") index++;
        else {
          const written = text.slice(this.at, index + 1);
          this.at = index + 1;
          const body = written.slice(1, -1);
          if (quote === "'") return body.replace(/''/g, "'");
          if (/[\u0000-\u001f]/.test(body)) giveUp();
          if (!body.includes('\\')) return body;
          if (body.replace(JSON_ESCAPES, '').includes('\\')) giveUp();
          return JSON.parse(written) as string;
        }
      }
    }
    return giveUp();
  }

  /** A plain scalar on one line, up to a flow indicator, `: `, ` #` or the line end. */
  private plain(): string {
    const text = this.text;
    const start = this.at;
    const first = text.charCodeAt(start);
    if (Number.isNaN(first) || isIndicator(first)) giveUp();
    if ((first === 45 /* - */ || first === 63 /* ? */ || first === 58 /* : */) && (start + 1 >= text.length || this.spaceAfter(start))) giveUp();
    let end = start;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (code === 44 || code === 91 || code === 93 || code === 123 || code === 125 || code === 10) break;
      if (code === 9 || code === 13) giveUp();
      if (code === 58 /* : */ && (end + 1 >= text.length || this.spaceAfter(end) || FLOW_END.includes(text[end + 1]!))) break;
      if (code === 35 /* # */ && text.charCodeAt(end - 1) === 32) break;
    }
    this.at = end;
    const plain = text.slice(start, end).trimEnd();
    // Whatever follows must end the scalar for good: another word on the next line would continue it.
    const after = this.at;
    this.space();
    const next = this.text[this.at];
    if (this.at < text.length && next !== ',' && next !== ']' && next !== '}' && next !== ':') giveUp();
    if (next === ':' && !this.spaceAfter(this.at)) giveUp();
    this.at = after;
    return plain;
  }
}

const FLOW_END = ',[]{}';

/** A plain scalar ends where a comment starts (" #"). */
function stripComment(text: string): string {
  const hash = text.indexOf('#') === -1 ? -1 : text.search(/[ \t]#/);
  return (hash === -1 ? text : text.slice(0, hash)).trimEnd();
}

/** One document of a stream the fast reader read: its value and where its content starts (1-based). */
export interface FastYamlDocument {
  value: unknown;
  line: number;
  column: number;
}

// "---" alone or followed by a comment; anything else after it (a value, a tag) is for the full parser.
const DOCUMENT_START = /^---[ \t]*(?:#.*)?$/;

/**
 * A whole YAML stream (documents separated by `---`) read with the fast reader, or undefined when
 * any part of it is outside the reader's subset: directives (`%YAML`), document ends (`...`),
 * a byte-order mark or content on the `---` line.
 */
export function readFastYamlStream(text: string): FastYamlDocument[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const lines = text.split('\n');
  const documents: FastYamlDocument[] = [];
  let start = 0;
  for (let index = 0; index <= lines.length; index++) {
    const line = index < lines.length ? lines[index]! : undefined;
    if (line !== undefined) {
      const first = line.charCodeAt(0);
      if (first === 37 /* % */ || (first === 46 /* . */ && line.startsWith('...'))) return undefined;
      if (first !== 45 /* - */ || !line.startsWith('---')) continue;
      if (!DOCUMENT_START.test(line)) return undefined;
    }
    const body = lines.slice(start, index);
    const value = parseFastYaml(body);
    if (value === undefined) return undefined;
    const content = body.findIndex((text) => contentColumn(text) !== -1);
    if (content !== -1) documents.push({ value, line: start + content + 1, column: contentColumn(body[content]!) + 1 });
    start = index + 1;
  }
  return documents;
}

/** The column (0-based) where a line's content starts; -1 for a blank or comment line. */
function contentColumn(line: string): number {
  let column = 0;
  while (line.charCodeAt(column) === 32) column++;
  return column === line.length || line.charCodeAt(column) === 35 /* # */ ? -1 : column;
}

/** Index of the closing quote of the quoted scalar that starts at `from` on this line; -1 if none. */
export function quotedScalarEnd(text: string, from = 0): number {
  const quote = text[from];
  for (let index = from + 1; index < text.length; index++) {
    const char = text[index];
    if (quote === '"' && char === '\\') index++;
    else if (char === quote) {
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return -1;
}
