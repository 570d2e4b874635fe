import type { Document, LineCounter, Node } from 'yaml';
import { blockYamlPosition } from './block-yaml-positions.js';
import { parseKubectlYaml } from './kubectl-yaml.js';
import { yamlLibrary } from './lazy-yaml.js';

/** A manifest's YAML document, kept so errors can point at the exact node, computed only on demand. */
interface YamlOrigin {
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Where the object sits in the document (`items/3` for the members of a `kind: List`). */
  prefix: (string | number)[];
}

/**
 * A document read by the fast reader, which keeps no syntax tree: the file is parsed again with
 * the full parser the first time one of its objects needs a position (only objects with issues
 * do), and the document is found by the line its content starts on.
 */
interface LazyYamlOrigin {
  file: YamlFileText;
  line: number;
}

/** A file's text, shared by the objects read from it, so it is parsed at most once. */
export interface YamlFileText {
  text: string;
  lines?: string[];
  parsed?: { documents: Document.Parsed[]; lineCounter: LineCounter };
}

const origins = new WeakMap<object, YamlOrigin | LazyYamlOrigin>();

/** Remembers the YAML document an object was read from (objects copied later lose it, harmlessly). */
export function rememberYamlOrigin(object: object, document: Document.Parsed, lineCounter: LineCounter, prefix: (string | number)[] = []): void {
  origins.set(object, { document, lineCounter, prefix });
}

/** Remembers the file and line of an object read without a syntax tree (see LazyYamlOrigin). */
export function rememberYamlLine(object: object, file: YamlFileText, line: number): void {
  origins.set(object, { file, line });
}

function originOf(object: object): YamlOrigin | undefined {
  const origin = origins.get(object);
  return !origin || 'document' in origin ? origin : parsedOrigin(object, origin);
}

/** The syntax tree of a lazily remembered object's document, parsed now. */
function parsedOrigin(object: object, origin: LazyYamlOrigin): YamlOrigin | undefined {
  const { file, line } = origin;
  file.parsed ??= parseKubectlYaml(file.text);
  const { documents, lineCounter } = file.parsed;
  const document = documents.find((d) => lineCounter.linePos(d.contents?.range?.[0] ?? d.range[0]).line === line);
  if (!document) {
    origins.delete(object);
    return undefined;
  }
  const resolved = { document, lineCounter, prefix: [] };
  origins.set(object, resolved);
  return resolved;
}

export interface NodePosition {
  line: number;
  column: number;
}

/**
 * The line:column of the node at `path` inside the object, or of its nearest existing ancestor.
 * With `key`, the position of that key in the map at `path` (where an unknown field is written).
 */
export function positionOf(object: object, path: (string | number)[], key?: string): NodePosition | undefined {
  const remembered = origins.get(object);
  if (remembered && !('document' in remembered)) {
    const { file, line } = remembered;
    const position = blockYamlPosition((file.lines ??= file.text.split('\n')), line, path, key);
    if (position) return position;
  }
  const origin = remembered && !('document' in remembered) ? parsedOrigin(object, remembered) : remembered;
  if (!origin) return undefined;
  const { isMap, isScalar } = yamlLibrary();
  const full = [...origin.prefix, ...path];
  let node: unknown = origin.document.contents;
  let found = node as Node | undefined;
  for (const segment of full) {
    const child = childOf(node, segment);
    if (child === undefined) break;
    node = child.value;
    found = (child.value ?? child.key) as Node | undefined;
    if (child.value === null || child.value === undefined) break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return toPosition(origin.lineCounter, pair.key.range[0]);
  }
  const range = (found as { range?: [number, number, number] } | undefined)?.range;
  return range ? toPosition(origin.lineCounter, range[0]) : undefined;
}

/** How a scalar was written in the source (`yes`, `0644`), when the value came from YAML. */
export function sourceTextOf(object: object, path: (string | number)[]): string | undefined {
  const origin = originOf(object);
  if (!origin) return undefined;
  const node = origin.document.getIn([...origin.prefix, ...path], true);
  return yamlLibrary().isScalar(node) && typeof node.source === 'string' ? node.source : undefined;
}

function childOf(node: unknown, segment: string | number): { key?: unknown; value: unknown } | undefined {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node)) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

function toPosition(lineCounter: LineCounter, offset: number): NodePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
