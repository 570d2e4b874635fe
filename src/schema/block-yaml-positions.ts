/**
 * Positions of nodes in a document the fast reader (core/fast-yaml.ts) accepted, found by looking
 * at its lines instead of parsing it again: such a document is plain block YAML, so a mapping's
 * keys are the lines at its indentation and a sequence's items the "-" lines at its own.
 *
 * Each answer is the position the `yaml` library gives the same node (node-positions.ts reads
 * those from the syntax tree): a block mapping at its first key, a block sequence at its first
 * "-", a scalar or flow collection where it starts on its line. Where that is less obvious (an
 * empty value, a path into a flow collection, a sequence nested in a sequence item) this returns
 * undefined and the caller parses the file with the full parser. A unit test compares both on
 * every node of real manifests.
 */
import { quotedScalarEnd } from '../core/fast-yaml.js';
export interface BlockPosition {
  /** 1-based, as the `yaml` library's LineCounter. */
  line: number;
  column: number;
}

type BlockNode =
  | { kind: 'map'; line: number; column: number; indent: number; end: number }
  | { kind: 'seq'; line: number; column: number; indent: number; end: number }
  | { kind: 'leaf'; line: number; column: number }
  | { kind: 'flow'; line: number; column: number };

const UNKNOWN = Symbol('unknown position');

/**
 * The position of the node at `path` (or of its nearest existing ancestor) in the document whose
 * content starts on `line` (1-based); with `key`, of that key in the mapping at `path`.
 */
export function blockYamlPosition(lines: string[], line: number, path: (string | number)[], key?: string): BlockPosition | undefined {
  const start = line - 1;
  const column = contentColumn(lines[start] ?? '');
  if (column === -1) return undefined;
  // A document written as one flow collection: only its own position is known without parsing.
  const opening = lines[start]![column];
  if (opening === '{' || opening === '[') return path.length === 0 && key === undefined ? { line, column: column + 1 } : undefined;
  let end = start + 1;
  while (end < lines.length && !isDocumentStart(lines[end]!)) end++;
  let node: BlockNode = { kind: 'map', line: start, column, indent: column, end };
  let found: BlockNode = node;
  const result = ((): BlockNode | typeof UNKNOWN => {
    for (const segment of path) {
      const child = childOf(lines, node, segment);
      if (child === UNKNOWN) return UNKNOWN;
      if (child === undefined) break;
      node = found = child;
    }
    if (key !== undefined && node.kind === 'flow') return UNKNOWN;
    if (key === undefined || node.kind !== 'map') return found;
    const keyLine = findKey(lines, node, key);
    if (keyLine === UNKNOWN) return UNKNOWN;
    return keyLine === undefined ? found : { kind: 'leaf', line: keyLine, column: keyLine === node.line ? node.column : contentColumn(lines[keyLine]!) };
  })();
  return result === UNKNOWN ? undefined : { line: result.line + 1, column: result.column + 1 };
}

function childOf(lines: string[], node: BlockNode, segment: string | number): BlockNode | undefined | typeof UNKNOWN {
  if (node.kind === 'map') {
    const keyLine = findKey(lines, node, String(segment));
    return keyLine === undefined || keyLine === UNKNOWN ? keyLine : mapValue(lines, node, keyLine);
  }
  if (node.kind === 'seq') return typeof segment === 'number' || /^\d+$/.test(segment) ? sequenceItem(lines, node, Number(segment)) : undefined;
  // A flow collection's members have positions of their own inside the line: not looked up here.
  return node.kind === 'flow' ? UNKNOWN : undefined;
}

/** The line of `key` among the mapping's keys. */
function findKey(lines: string[], map: Extract<BlockNode, { kind: 'map' }>, key: string): number | undefined | typeof UNKNOWN {
  for (let index = map.line; index < map.end; index++) {
    const text = lines[index]!;
    // The first key of a mapping in a sequence item shares its line with the "-".
    const column = index === map.line ? map.column : contentColumn(text);
    if (column === -1 || column > map.indent) continue;
    if (column < map.indent) return undefined;
    if (isSequenceEntry(text, column)) continue;
    const written = keyAt(text, column);
    if (written === undefined) return UNKNOWN;
    if (written.key === key) return index;
  }
  return undefined;
}

/** The value of the key on `keyLine`: on the same line, or the block below it. */
function mapValue(lines: string[], map: Extract<BlockNode, { kind: 'map' }>, keyLine: number): BlockNode | typeof UNKNOWN {
  const text = lines[keyLine]!;
  const written = keyAt(text, keyLine === map.line ? map.column : contentColumn(text))!;
  let column = written.valueStart;
  while (text.charCodeAt(column) === 32) column++;
  if (column < text.length && text.charCodeAt(column) !== 35 /* # */) {
    return leafAt(text, keyLine, column);
  }
  const next = nextContentLine(lines, keyLine + 1, map.end);
  if (next === -1) return UNKNOWN;
  const nextColumn = contentColumn(lines[next]!);
  if (nextColumn > map.indent) return blockAt(lines, next, nextColumn, map.end);
  // A sequence may sit at its key's own indentation.
  if (nextColumn === map.indent && isSequenceEntry(lines[next]!, nextColumn)) return blockAt(lines, next, nextColumn, map.end);
  return UNKNOWN;
}

/** The block mapping or sequence whose first line is `line`, content at `column`. */
function blockAt(lines: string[], line: number, column: number, limit: number): BlockNode {
  const sequence = isSequenceEntry(lines[line]!, column);
  let end = line + 1;
  for (; end < limit; end++) {
    const next = contentColumn(lines[end]!);
    // A mapping goes on past a sequence at its keys' indentation (the value of one of them).
    if (next !== -1 && (next < column || (sequence && next === column && !isSequenceEntry(lines[end]!, next)))) break;
  }
  return { kind: sequence ? 'seq' : 'map', line, column, indent: column, end };
}

function sequenceItem(lines: string[], seq: Extract<BlockNode, { kind: 'seq' }>, wanted: number): BlockNode | undefined | typeof UNKNOWN {
  let item = -1;
  for (let index = seq.line; index < seq.end; index++) {
    const text = lines[index]!;
    const column = contentColumn(text);
    if (column !== seq.indent || !isSequenceEntry(text, column)) continue;
    if (++item !== wanted) continue;
    let start = column + 1;
    while (text.charCodeAt(start) === 32) start++;
    if (start >= text.length || text.charCodeAt(start) === 35 /* # */) {
      const next = nextContentLine(lines, index + 1, seq.end);
      if (next === -1) return UNKNOWN;
      const nextColumn = contentColumn(lines[next]!);
      return nextColumn > seq.indent ? blockAt(lines, next, nextColumn, seq.end) : UNKNOWN;
    }
    if (isSequenceEntry(text, start)) return UNKNOWN;
    const itemEnd = endOfItem(lines, index + 1, seq);
    // "- key: value" opens a mapping whose keys sit at the column of "key".
    if (keyAt(text, start) !== undefined && text[start] !== '[' && text[start] !== '{' && text[start] !== '|') {
      return { kind: 'map', line: index, column: start, indent: start, end: itemEnd };
    }
    return leafAt(text, index, start);
  }
  return undefined;
}

function leafAt(text: string, line: number, column: number): BlockNode {
  const first = text[column];
  return { kind: first === '[' || first === '{' ? 'flow' : 'leaf', line, column };
}

function endOfItem(lines: string[], from: number, seq: Extract<BlockNode, { kind: 'seq' }>): number {
  for (let index = from; index < seq.end; index++) {
    const column = contentColumn(lines[index]!);
    if (column !== -1 && column <= seq.indent) return index;
  }
  return seq.end;
}

function nextContentLine(lines: string[], from: number, end: number): number {
  for (let index = from; index < end; index++) if (contentColumn(lines[index]!) !== -1) return index;
  return -1;
}

/** A "key: value" or "key:" written at `column`: the key as the fast reader reads it. */
function keyAt(text: string, column: number): { key: string; valueStart: number } | undefined {
  const first = text[column];
  if (first === '"' || first === "'") {
    const end = quotedScalarEnd(text, column);
    if (end === -1 || text[end + 1] !== ':') return undefined;
    const written = text.slice(column, end + 1);
    const key = first === "'" ? written.slice(1, -1).replace(/''/g, "'") : (JSON.parse(written) as string);
    return { key, valueStart: end + 2 };
  }
  let separator = text.indexOf(': ', column);
  if (separator === -1) {
    if (!text.endsWith(':')) return undefined;
    separator = text.length - 1;
  }
  let end = separator;
  while (end > column && text.charCodeAt(end - 1) === 32) end--;
  return { key: text.slice(column, end), valueStart: separator + 1 };
}


function isSequenceEntry(text: string, column: number): boolean {
  return text.charCodeAt(column) === 45 /* - */ && (column + 1 === text.length || text.charCodeAt(column + 1) === 32);
}

function isDocumentStart(text: string): boolean {
  return text.startsWith('---');
}

/** The column (0-based) where a line's content starts; -1 for a blank or comment line. */
function contentColumn(text: string): number {
  let column = 0;
  while (text.charCodeAt(column) === 32) column++;
  return column === text.length || text.charCodeAt(column) === 35 /* # */ ? -1 : column;
}
