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

/** How a caller's patches differ from RFC 6902, where a tool it follows differs. */
export interface JsonPatchOptions {
  /** kustomize's JSON patch library lets `replace` add a missing member of an existing object. */
  replaceAddsMissingMember?: boolean;
}

/**
 * Applies operations in order to `document` (mutated in place when possible) and returns the
 * result. Any failing operation is an error naming the operation: a patch never silently does
 * nothing.
 */
export function applyJsonPatch(document: unknown, operations: readonly (JsonPatch | JsonPatchOperation)[], options: JsonPatchOptions = {}): unknown {
  let doc = document;
  for (const item of operations) {
    const operation = item instanceof JsonPatch ? item.operation : item;
    try {
      doc = applyJsonPatchOperation(doc, operation, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KccError(`JSON patch ${JSON.stringify(operation)} failed: ${reason}`);
    }
  }
  return doc;
}

/** One operation; throws a plain Error saying why it cannot apply (callers add where it came from). */
export function applyJsonPatchOperation(doc: unknown, operation: JsonPatchOperation, options: JsonPatchOptions = {}): unknown {
  switch (operation.op) {
    case 'add':
      return insert(doc, parsePointer(operation.path), clone(operation.value), 'add');
    case 'replace':
      return insert(doc, parsePointer(operation.path), clone(operation.value), options.replaceAddsMissingMember ? 'replace-or-add-member' : 'replace');
    case 'remove':
      return removeAt(doc, parsePointer(operation.path)).doc;
    case 'copy':
      return insert(doc, parsePointer(operation.path), clone(read(doc, parsePointer(operation.from))), 'add');
    case 'move': {
      if (operation.path.startsWith(`${operation.from}/`)) throw new Error('cannot move a value into itself');
      const removed = removeAt(doc, parsePointer(operation.from));
      return insert(removed.doc, parsePointer(operation.path), removed.value, 'add');
    }
    case 'test': {
      const actual = read(doc, parsePointer(operation.path));
      if (!deepEqual(actual, operation.value)) throw new Error(`test failed at '${operation.path}': value is ${JSON.stringify(actual)}`);
      return doc;
    }
    default:
      throw new Error(`unknown op "${(operation as { op: string }).op}"`);
  }
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
    return keys.length === Object.keys(right).length && keys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && deepEqual(left[key], right[key]));
  }
  return Object.is(a, b);
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function read(doc: unknown, tokens: string[]): unknown {
  let current = doc;
  tokens.forEach((token, index) => {
    try {
      current = child(current, token);
    } catch (error) {
      const at = `/${tokens.slice(0, index + 1).map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
      throw new Error(`path '${at}' does not exist (${(error as Error).message})`);
    }
  });
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

function insert(doc: unknown, tokens: string[], value: unknown, mode: 'add' | 'replace' | 'replace-or-add-member'): unknown {
  const mustExist = mode !== 'add';
  if (tokens.length === 0) return value;
  const parent = read(doc, tokens.slice(0, -1));
  const last = tokens[tokens.length - 1]!;
  if (Array.isArray(parent)) {
    const index = arrayIndex(parent, last, !mustExist);
    if (mustExist) parent[index] = value;
    else parent.splice(index, 0, value);
  } else if (parent !== null && typeof parent === 'object') {
    if (mode === 'replace' && !Object.prototype.hasOwnProperty.call(parent, last)) throw new Error(`no value at "${last}" to replace`);
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
