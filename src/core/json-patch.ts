import { KccError } from './errors.js';

/** One RFC 6902 operation. */
export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/**
 * RFC 6902 JSON patch operations, built with factory methods:
 * `obj.addJsonPatch(JsonPatch.add('/spec/replicas', 3))`. The escape hatch for anything the typed
 * API does not cover; applied to the object's JSON at synth, after everything else.
 */
export class JsonPatch {
  /** Applies the operations to `document` (changed in place where possible) and returns the result. */
  static apply(document: unknown, ...ops: (JsonPatch | JsonPatchOperation)[]): unknown {
    return applyJsonPatch(document, ops);
  }

  static add(path: string, value: unknown): JsonPatch {
    return new JsonPatch({ op: 'add', path, value });
  }
  static replace(path: string, value: unknown): JsonPatch {
    return new JsonPatch({ op: 'replace', path, value });
  }
  static remove(path: string): JsonPatch {
    return new JsonPatch({ op: 'remove', path });
  }
  static move(from: string, path: string): JsonPatch {
    return new JsonPatch({ op: 'move', from, path });
  }
  static copy(from: string, path: string): JsonPatch {
    return new JsonPatch({ op: 'copy', from, path });
  }
  static test(path: string, value: unknown): JsonPatch {
    return new JsonPatch({ op: 'test', path, value });
  }

  private constructor(readonly operation: JsonPatchOperation) {}

  /** The operation as RFC 6902 JSON (cdk8s's name for it). @internal */
  _toJson(): JsonPatchOperation {
    return this.operation;
  }
}

/** Splits a JSON pointer ("/a/b~1c") into unescaped tokens (["a", "b/c"]). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new KccError(`invalid JSON pointer "${pointer}": must be empty or start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Applies operations in order to `document` (mutated in place when possible) and returns the
 * result. Any failing operation is an error naming the operation: a patch never silently does
 * nothing.
 */
export function applyJsonPatch(document: unknown, operations: readonly (JsonPatch | JsonPatchOperation)[]): unknown {
  let doc = document;
  for (const item of operations) {
    const operation = item instanceof JsonPatch ? item.operation : item;
    try {
      doc = applyOne(doc, operation);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KccError(`JSON patch ${JSON.stringify(operation)} failed: ${reason}`);
    }
  }
  return doc;
}

function applyOne(doc: unknown, operation: JsonPatchOperation): unknown {
  switch (operation.op) {
    case 'add':
      return insert(doc, parsePointer(operation.path), clone(operation.value), false);
    case 'replace':
      return insert(doc, parsePointer(operation.path), clone(operation.value), true);
    case 'remove':
      return removeAt(doc, parsePointer(operation.path)).doc;
    case 'copy':
      return insert(doc, parsePointer(operation.path), clone(read(doc, parsePointer(operation.from))), false);
    case 'move': {
      if (operation.path.startsWith(`${operation.from}/`)) throw new Error('cannot move a value into itself');
      const removed = removeAt(doc, parsePointer(operation.from));
      return insert(removed.doc, parsePointer(operation.path), removed.value, false);
    }
    case 'test': {
      const actual = read(doc, parsePointer(operation.path));
      if (JSON.stringify(actual) !== JSON.stringify(operation.value)) throw new Error(`value is ${JSON.stringify(actual)}`);
      return doc;
    }
    default:
      throw new Error(`unknown op "${(operation as { op: string }).op}"`);
  }
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function read(doc: unknown, tokens: string[]): unknown {
  let current = doc;
  for (const token of tokens) {
    current = child(current, token);
  }
  return current;
}

function child(container: unknown, token: string): unknown {
  if (Array.isArray(container)) {
    const index = arrayIndex(container, token, false);
    return container[index];
  }
  if (container !== null && typeof container === 'object' && Object.prototype.hasOwnProperty.call(container, token)) {
    return (container as Record<string, unknown>)[token];
  }
  throw new Error(`no value at "${token}"`);
}

function arrayIndex(array: unknown[], token: string, forInsert: boolean): number {
  if (forInsert && token === '-') return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`"${token}" is not an array index`);
  const index = Number(token);
  const limit = forInsert ? array.length : array.length - 1;
  if (index > limit) throw new Error(`index ${index} is out of range (length ${array.length})`);
  return index;
}

function insert(doc: unknown, tokens: string[], value: unknown, mustExist: boolean): unknown {
  if (tokens.length === 0) return value;
  const parent = read(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, !mustExist);
    if (mustExist) parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (parent !== null && typeof parent === 'object') {
    if (mustExist && !Object.prototype.hasOwnProperty.call(parent, last)) throw new Error(`no value at "${last}" to replace`);
    (parent as Record<string, unknown>)[last] = value;
  } else {
    throw new Error(`cannot add "${last}" to a ${parent === null ? 'null' : typeof parent}`);
  }
  return doc;
}

function removeAt(doc: unknown, tokens: string[]): { doc: unknown; value: unknown } {
  if (tokens.length === 0) return { doc: undefined, value: doc };
  const parent = read(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, false);
    const [value] = parent.splice(index, 1);
    return { doc, value };
  }
  const value = child(parent, last);
  delete (parent as Record<string, unknown>)[last];
  return { doc, value };
}
