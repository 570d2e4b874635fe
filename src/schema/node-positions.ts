import type { Document, LineCounter, Node } from 'yaml';
import { yamlLibrary } from './lazy-yaml.js';

/** A manifest's YAML document, kept so errors can point at the exact node, computed only on demand. */
interface YamlOrigin {
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Where the object sits in the document (`items/3` for the members of a `kind: List`). */
  prefix: (string | number)[];
}

const origins = new WeakMap<object, YamlOrigin>();

/** Remembers the YAML document an object was read from (objects copied later lose it, harmlessly). */
export function rememberYamlOrigin(object: object, document: Document.Parsed, lineCounter: LineCounter, prefix: (string | number)[] = []): void {
  origins.set(object, { document, lineCounter, prefix });
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
  const origin = origins.get(object);
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
  const origin = origins.get(object);
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
