import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';

/** One RFC 6902 operation. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

export function isJsonPatch(value: unknown): value is JsonPatchOperation[] {
  return Array.isArray(value) && value.every((op) => typeof op === 'object' && op !== null && typeof (op as { op?: unknown }).op === 'string');
}

export function checkJsonPatch(ops: JsonPatchOperation[], where: SourceLocation): void {
  ops.forEach((op, index) => {
    if (!OPS.has(op.op)) throw new KccError(`JSON patch operation ${index + 1} has unknown op '${op.op}'`, { location: where });
    if (typeof op.path !== 'string') throw new KccError(`JSON patch operation ${index + 1} (${op.op}) has no path`, { location: where });
    if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') throw new KccError(`JSON patch operation ${index + 1} (${op.op}) has no from`, { location: where });
  });
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`path '${pointer}' must start with /`);
  return pointer.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function parentOf(document: unknown, parts: string[], pointer: string): { parent: Container; key: string } {
  let node = document;
  for (const part of parts.slice(0, -1)) {
    if (Array.isArray(node)) node = node[Number(part)];
    else if (node && typeof node === 'object') node = (node as Record<string, unknown>)[part];
    else node = undefined;
    if (node === undefined || node === null || typeof node !== 'object') throw new Error(`path '${pointer}' does not exist`);
  }
  return { parent: node as Container, key: parts[parts.length - 1]! };
}

function arrayIndex(list: unknown[], key: string, pointer: string, allowEnd: boolean): number {
  if (key === '-' && allowEnd) return list.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw new Error(`'${key}' in '${pointer}' is not a list index`);
  const index = Number(key);
  if (index > list.length || (!allowEnd && index === list.length)) throw new Error(`index ${index} in '${pointer}' is out of range (length ${list.length})`);
  return index;
}

function get(document: unknown, pointer: string): unknown {
  let node = document;
  for (const part of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[arrayIndex(node, part, pointer, false)];
    else if (node && typeof node === 'object' && part in (node as object)) node = (node as Record<string, unknown>)[part];
    else throw new Error(`path '${pointer}' does not exist`);
  }
  return node;
}

function add(document: unknown, pointer: string, value: unknown): unknown {
  const parts = parsePointer(pointer);
  if (!parts.length) return value;
  const { parent, key } = parentOf(document, parts, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, true), 0, value);
  else parent[key] = value;
  return document;
}

function remove(document: unknown, pointer: string): unknown {
  const parts = parsePointer(pointer);
  const { parent, key } = parentOf(document, parts, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, pointer, false), 1);
  else {
    if (!(key in parent)) throw new Error(`path '${pointer}' does not exist`);
    delete parent[key];
  }
  return document;
}

/** kustomize's JSON patch library lets replace add a missing member of an existing object. */
function replace(document: unknown, pointer: string, value: unknown): unknown {
  const parts = parsePointer(pointer);
  if (!parts.length) return value;
  const { parent, key } = parentOf(document, parts, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(parent, key, pointer, false)] = value;
  else parent[key] = value;
  return document;
}

/** RFC 6902 equality: objects by members whatever their order, lists element by element. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    const keys = Object.keys(left);
    return keys.length === Object.keys(right).length && keys.every((key) => key in right && deepEqual(left[key], right[key]));
  }
  return Object.is(a, b);
}

/** Applies the operations in order to a deep copy; the first failing one is reported. */
export function applyJsonPatch(document: unknown, ops: JsonPatchOperation[]): unknown {
  let result = structuredClone(document);
  ops.forEach((op, index) => {
    try {
      switch (op.op) {
        case 'add':
          result = add(result, op.path, structuredClone(op.value));
          break;
        case 'remove':
          result = remove(result, op.path);
          break;
        case 'replace':
          result = replace(result, op.path, structuredClone(op.value));
          break;
        case 'move': {
          const value = get(result, op.from!);
          result = add(remove(result, op.from!), op.path, value);
          break;
        }
        case 'copy':
          result = add(result, op.path, structuredClone(get(result, op.from!)));
          break;
        case 'test':
          if (!deepEqual(get(result, op.path), op.value)) throw new Error(`test failed at '${op.path}'`);
          break;
      }
    } catch (error) {
      throw new Error(`operation ${index + 1} (${op.op} ${op.path}): ${(error as Error).message}`);
    }
  });
  return result;
}
