/**
 * A fast reader for the plain block YAML that manifests are written in: block mappings and
 * sequences, plain / quoted single-line scalars, `|` and `>` block scalars, one-line flow
 * collections, comments, `---` separators. Scalars resolve as the YAML 1.2 core schema does
 * (the `yaml` library's default, and close to kustomize's reader).
 *
 * Reading a few thousand objects with the general `yaml` library costs more than the whole
 * overlay; this reader works line by line and builds no syntax tree. It is only a shortcut: on
 * anything outside its subset (anchors, tags, multi-line plain or quoted scalars, escapes, tabs,
 * complex keys, duplicate keys...) it returns undefined and the caller uses the full parser, which
 * also reports errors. A unit test compares both readers on every fixture.
 */

import { goYamlInt } from './yaml-ints.js';
export interface FastDocument {
  value: unknown;
  /** 1-based line of the document's first content line. */
  line: number;
}

const GIVE_UP = Symbol('give up');
function giveUp(): never {
  throw GIVE_UP;
}

interface Line {
  indent: number;
  text: string;
  number: number;
}

export function readFastYaml(text: string): FastDocument[] | undefined {
  try {
    return new Reader(text).documents();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

class Reader {
  private lines: Line[] = [];
  private raw: string[];
  private position = 0;

  constructor(text: string) {
    this.raw = text.split(/\r?\n/);
  }

  documents(): FastDocument[] {
    const result: FastDocument[] = [];
    let start = 0;
    const flush = (end: number): void => {
      this.lines = this.contentLines(start, end);
      this.position = 0;
      if (this.lines.length) {
        const line = this.lines[0]!.number;
        const value = this.node(this.lines[0]!.indent, true);
        if (this.position < this.lines.length) giveUp();
        result.push({ value, line });
      }
    };
    for (let i = 0; i < this.raw.length; i++) {
      const line = this.raw[i]!;
      if (line.startsWith('---')) {
        if (line.length > 3 && !/^---\s*(#.*)?$/.test(line)) giveUp();
        flush(i);
        start = i + 1;
      } else if (line.startsWith('...') || line.startsWith('%')) giveUp();
    }
    flush(this.raw.length);
    return result;
  }

  /** Lines with content, comments removed; block scalar bodies are kept raw for their reader. */
  private contentLines(start: number, end: number): Line[] {
    const lines: Line[] = [];
    for (let i = start; i < end; i++) {
      const raw = this.raw[i]!;
      const indent = raw.length - raw.trimStart().length;
      if (raw.slice(0, indent).includes('\t')) giveUp();
      const text = stripComment(raw.slice(indent));
      if (text === '') {
        lines.push({ indent: -1, text: '', number: i + 1 });
        continue;
      }
      lines.push({ indent, text, number: i + 1 });
    }
    // Blank lines matter only inside block scalars, which read this.raw directly.
    return lines.filter((line) => line.indent >= 0);
  }

  private peek(): Line | undefined {
    return this.lines[this.position];
  }

  private node(indent: number, top = false): unknown {
    const line = this.peek();
    if (!line) return null;
    if (line.indent !== indent) giveUp();
    if (isSequenceItem(line.text)) return this.sequence(indent);
    if (keyEnd(line.text) !== -1) return this.mapping(indent);
    if (!top) giveUp();
    this.position++;
    if (this.peek()) giveUp();
    return this.inlineValue(line.text, line);
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const colon = keyEnd(line.text);
      if (colon === -1 || isSequenceItem(line.text)) giveUp();
      const key = readKey(line.text.slice(0, colon));
      if (key in map || key === '__proto__' || key === '<<') giveUp();
      const rest = line.text.slice(colon + 1).trim();
      this.position++;
      map[key] = this.valueAfterIndicator(rest, line, indent, true);
    }
    const next = this.peek();
    if (next && next.indent > indent) giveUp();
    return map;
  }

  private sequence(indent: number): unknown[] {
    const list: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && isSequenceItem(line.text); line = this.peek()) {
      const rest = line.text.slice(1).trimStart();
      const offset = line.text.length - rest.length;
      if (rest && (isSequenceItem(rest) || keyEnd(rest) !== -1)) {
        // "- key: value" or "- - x": a compact collection starting on this line.
        this.lines[this.position] = { indent: indent + offset, text: rest, number: line.number };
        list.push(this.node(indent + offset));
      } else {
        this.position++;
        list.push(this.valueAfterIndicator(rest, line, indent, false));
      }
    }
    const next = this.peek();
    if (next && next.indent > indent) giveUp();
    return list;
  }

  /** The value after "key:" or "-": inline, a block scalar, or a nested block on later lines. */
  private valueAfterIndicator(rest: string, line: Line, indent: number, inMapping: boolean): unknown {
    if (rest === '') {
      const next = this.peek();
      if (next && next.indent > indent) return this.node(next.indent);
      // "key:" followed by "- item" at the same indent is a sequence value (YAML allows it).
      if (inMapping && next && next.indent === indent && isSequenceItem(next.text)) return this.sequence(indent);
      return null;
    }
    if (rest[0] === '|' || rest[0] === '>') return this.blockScalar(rest, line, indent);
    const next = this.peek();
    if (next && next.indent > indent) giveUp(); // a multi-line plain scalar or malformed input
    return this.inlineValue(rest, line);
  }

  private inlineValue(text: string, line: Line): unknown {
    const first = text[0];
    if (first === '{' || first === '[') {
      const parser = new FlowParser(text);
      const value = parser.value();
      parser.end();
      return value;
    }
    if (first === '"' || first === "'") {
      const { value, end } = readQuoted(text, 0);
      if (text.slice(end).trim() !== '') giveUp();
      return value;
    }
    void line;
    return resolvePlain(text);
  }

  private blockScalar(header: string, line: Line, indent: number): string {
    const match = /^([|>])([+-]?)$/.exec(header);
    if (!match) giveUp();
    const [, style, chomp] = match;
    // Body: raw lines after the header that are blank or indented deeper than the parent.
    const body: string[] = [];
    let i = line.number; // raw index of the line after the header
    for (; i < this.raw.length; i++) {
      const raw = this.raw[i]!;
      if (raw.startsWith('---') || raw.startsWith('...')) break;
      const trimmed = raw.trimStart();
      if (trimmed !== '' && raw.length - trimmed.length <= indent) break;
      body.push(raw);
    }
    // Skip the content lines the body covered.
    while (this.peek() && this.peek()!.number <= i) this.position++;
    const contentIndent = body.reduce((min, raw) => (raw.trim() === '' ? min : Math.min(min, raw.length - raw.trimStart().length)), Infinity);
    if (contentIndent === Infinity) return '';
    for (const raw of body) {
      if (raw.trim() === '' && raw.length > contentIndent) giveUp(); // whitespace-only lines carry content
      if (raw.slice(0, contentIndent).includes('\t')) giveUp();
    }
    let lines = body.map((raw) => (raw.trim() === '' ? '' : raw.slice(contentIndent)));
    let trailing = 0;
    while (lines.length && lines[lines.length - 1] === '') {
      lines = lines.slice(0, -1);
      trailing++;
    }
    let text: string;
    if (style === '|') text = lines.join('\n');
    else {
      if (lines.some((l) => l.startsWith(' '))) giveUp(); // more-indented folded lines keep breaks
      text = '';
      lines.forEach((l, index) => {
        if (index === 0) text = l;
        else if (l === '') text += '\n';
        else text += lines[index - 1] === '' ? l : ` ${l}`;
      });
    }
    // At the end of the file, split() leaves one '' after a final line break, which is no blank
    // line; and a body whose last line has no break at all has no final break to keep.
    const atEnd = i === this.raw.length;
    if (atEnd && trailing > 0) trailing--;
    const unterminated = atEnd && trailing === 0 && body.length > 0 && body[body.length - 1] !== '';
    if (chomp === '-') return text;
    if (chomp === '+') return unterminated ? text : `${text}\n${'\n'.repeat(trailing)}`;
    return lines.length && !unterminated ? `${text}\n` : text;
  }
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

/** Index of the ":" that ends a block mapping key on this line, or -1. */
function keyEnd(text: string): number {
  if (text[0] === '"' || text[0] === "'") {
    const { end } = readQuoted(text, 0);
    return text[end] === ':' && (end + 1 === text.length || text[end + 1] === ' ') ? end : -1;
  }
  if (/^[[{&*!|>%@`?]/.test(text) || isSequenceItem(text)) return -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ':' && (i + 1 === text.length || text[i + 1] === ' ')) return i;
  }
  return -1;
}

function readKey(text: string): string {
  const trimmed = text.trim();
  if (trimmed[0] === '"' || trimmed[0] === "'") return readQuoted(trimmed, 0).value;
  if (trimmed === '' || /[#]/.test(trimmed)) giveUp();
  return trimmed;
}

/** Removes a trailing comment; gives up when quotes make the comment's start unclear. */
function stripComment(text: string): string {
  if (text.startsWith('#')) return '';
  const hash = text.indexOf(' #');
  if (hash === -1) return text.trimEnd();
  if (/["']/.test(text.slice(0, hash))) giveUp();
  return text.slice(0, hash).trimEnd();
}

function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'" && char === "'") {
      if (text[i + 1] === "'") {
        value += "'";
        i++;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (quote === '"' && char === '\\') giveUp();
    if (quote === '"' && char === '"') return { value, end: i + 1 };
    value += char;
  }
  return giveUp();
}

/** YAML 1.2 core schema resolution of a plain scalar. */
export function resolvePlain(text: string): unknown {
  if (/^[&*!|>%@`]/.test(text) || text.includes(': ') || text.endsWith(':') || text.startsWith('- ') || text === '-' || text.startsWith('? ')) giveUp();
  switch (text) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
    case '.inf':
    case '.Inf':
    case '.INF':
    case '+.inf':
    case '+.Inf':
    case '+.INF':
      return Infinity;
    case '-.inf':
    case '-.Inf':
    case '-.INF':
      return -Infinity;
    case '.nan':
    case '.NaN':
    case '.NAN':
      return NaN;
  }
  const legacy = goYamlInt(text);
  if (legacy !== undefined) return legacy;
  if (/^[-+]?[0-9]+$/.test(text)) {
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : giveUp();
  }
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}

/** One-line flow collections: {a: b, c: [d, e]}. */
class FlowParser {
  private i = 0;
  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  end(): void {
    this.skip();
    if (this.i !== this.text.length) giveUp();
  }

  value(): unknown {
    this.skip();
    const char = this.text[this.i];
    if (char === '{') return this.map();
    if (char === '[') return this.list();
    if (char === '"' || char === "'") {
      const { value, end } = readQuoted(this.text, this.i);
      this.i = end;
      return value;
    }
    const start = this.i;
    while (this.i < this.text.length && !',]}'.includes(this.text[this.i]!)) {
      if (this.text[this.i] === ':' && this.text[this.i + 1] === ' ') break;
      if ('[{#'.includes(this.text[this.i]!)) giveUp();
      this.i++;
    }
    return resolvePlain(this.text.slice(start, this.i).trim());
  }

  private map(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.i++;
    this.skip();
    if (this.text[this.i] === '}') {
      this.i++;
      return map;
    }
    for (;;) {
      this.skip();
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') giveUp();
      this.skip();
      const keyText = String(key);
      if (keyText in map || keyText === '__proto__') giveUp();
      if (this.text[this.i] === ':') {
        this.i++;
        this.skip();
        map[keyText] = this.text[this.i] === ',' || this.text[this.i] === '}' ? null : this.value();
      } else map[keyText] = null;
      this.skip();
      if (this.text[this.i] === ',') {
        this.i++;
        this.skip();
        if (this.text[this.i] === '}') {
          this.i++;
          return map;
        }
        continue;
      }
      if (this.text[this.i] === '}') {
        this.i++;
        return map;
      }
      giveUp();
    }
  }

  private list(): unknown[] {
    const list: unknown[] = [];
    this.i++;
    this.skip();
    if (this.text[this.i] === ']') {
      this.i++;
      return list;
    }
    for (;;) {
      const start = this.i;
      const item = this.value();
      this.skip();
      if (this.text[this.i] === ':') giveUp(); // a single-pair map inside a list
      if (this.i === start) giveUp();
      list.push(item);
      if (this.text[this.i] === ',') {
        this.i++;
        this.skip();
        if (this.text[this.i] === ']') {
          this.i++;
          return list;
        }
        continue;
      }
      if (this.text[this.i] === ']') {
        this.i++;
        return list;
      }
      giveUp();
    }
  }
}
