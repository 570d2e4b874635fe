// Loads Handlebars' ambient `hbs.AST` types.
import type {} from 'handlebars';

/**
 * Line tracking through Handlebars.
 *
 * Handlebars turns a template into a string and keeps no record of which template line produced
 * which output line. So before compiling, every newline in the template's literal text is followed
 * by an invisible marker "\0<line>\x01" naming the template line that starts there. After
 * rendering, `stripLineMarkers` removes the markers and returns, for every output line, the
 * template line it came from. Output lines produced by a helper (toYaml, include, tpl) carry no
 * marker of their own and inherit the line of the `{{...}}` expression that wrote them.
 *
 * Markers go into the parsed AST after whitespace control has run, so `{{~` and standalone-line
 * stripping behave exactly as they would without markers.
 */

const MARK_START = '\u0000';
const MARK_END = '\u0001';

type Node = hbs.AST.Node & { program?: hbs.AST.Program; inverse?: hbs.AST.Program; body?: hbs.AST.Statement[] };
// The bundled typings declare `original` wrongly; at run time it is the text before whitespace control.
type Content = { type: 'ContentStatement'; value: string; original: string; loc: hbs.AST.SourceLocation; rightStripped?: boolean; leftStripped?: boolean };

export function lineMarker(line: number): string {
  return `${MARK_START}${line}${MARK_END}`;
}

/** Adds line markers to every literal text node of a parsed template (mutates the AST). */
export function insertLineMarkers(program: hbs.AST.Program): hbs.AST.Program {
  visit(program as Node);
  return program;
}

function visit(node: Node | undefined): void {
  if (!node) return;
  if (node.type === 'ContentStatement') {
    markContent(node as unknown as Content);
    return;
  }
  if (node.body) for (const child of node.body) visit(child as Node);
  if (node.program) visit(node.program as Node);
  if (node.inverse) visit(node.inverse as Node);
}

function markContent(node: Content): void {
  const value = node.value;
  if (value === '') return;
  const prefix = node.original.slice(0, strippedPrefixLength(node));
  let line = node.loc.start.line + countNewlines(prefix);
  // Text that starts a template line gets a marker too: whitespace control may have removed the
  // newline before it, which would otherwise leave the line with the marker of an earlier line.
  const startsLine = prefix.includes('\n') || (prefix === '' && node.loc.start.column === 0);
  let out = startsLine && line > 1 ? lineMarker(line) : '';
  if (!value.includes('\n')) {
    node.value = out + value;
    return;
  }
  let from = 0;
  for (let index = value.indexOf('\n'); index !== -1; index = value.indexOf('\n', index + 1)) {
    line++;
    out += value.slice(from, index + 1) + lineMarker(line);
    from = index + 1;
  }
  node.value = out + value.slice(from);
}

/**
 * How many characters whitespace control removed from the start of a text node. Only whitespace
 * is ever removed, from the start ("rightStripped": the tag to its left had `~}}` or stood alone)
 * and/or the end, so the kept text is a substring of the original.
 */
function strippedPrefixLength(node: Content): number {
  if (!node.rightStripped) return 0;
  if (!node.leftStripped) return node.original.length - node.value.length;
  const index = node.original.indexOf(node.value);
  return index === -1 ? 0 : index;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

/** Rendered output split into lines without markers, and the template line of each. */
export interface TrackedLines {
  lines: string[];
  /** templateLines[i] is the template line that produced lines[i]. */
  templateLines: number[];
}

export function stripLineMarkers(rendered: string): TrackedLines {
  const lines: string[] = [];
  const templateLines: number[] = [];
  const reader = new TrackedLineReader(rendered);
  for (let line = reader.next(); line !== undefined; line = reader.next()) {
    lines.push(line);
    templateLines.push(reader.templateLine);
  }
  return { lines, templateLines };
}

/**
 * Reads rendered output line by line without its markers; after each `next()`, `templateLine`
 * is the template line that produced the line returned. Lets a caller handle each line (and
 * drop it) as it goes: holding every line of a large render at once made the garbage collector
 * copy hundreds of thousands of strings.
 */
export class TrackedLineReader {
  templateLine = 1;
  private start = 0;
  private done = false;

  constructor(private readonly rendered: string) {}

  next(): string | undefined {
    if (this.done) return undefined;
    const rendered = this.rendered;
    const start = this.start;
    let end = rendered.indexOf('\n', start);
    if (end === -1) {
      end = rendered.length;
      this.done = true;
    } else {
      this.start = end + 1;
    }
    let from = start;
    // The usual case, a marker opening the line, without a regular expression.
    if (rendered.charCodeAt(from) === 0 && from < end) {
      let index = from + 1;
      let number = 0;
      for (let code = rendered.charCodeAt(index); code >= 48 && code <= 57; code = rendered.charCodeAt(++index)) number = number * 10 + code - 48;
      this.templateLine = number;
      from = index + 1;
    }
    let line = rendered.slice(from, end);
    if (line.includes(MARK_START)) {
      // A marker normally opens the line; if a helper shifted it inward, the last one still wins.
      line = line.replace(MARKER, (_match, digits: string) => {
        this.templateLine = Number(digits);
        return '';
      });
    }
    return line;
  }
}

const MARKER = /\u0000(\d+)\u0001/g;
