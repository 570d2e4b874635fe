import type { FieldSpec } from './kustomization-types.js';
import type { ResId } from './res-id.js';

/**
 * Field specs are kustomize's way to name "the places a transformer writes": a slash-separated
 * path ("spec/template/metadata/labels") limited to some group/version/kind. A list met on the
 * way is walked element by element (with or without a trailing "[]"), and "\/" escapes a slash
 * inside a key such as an annotation name.
 */
export function splitFieldPath(path: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === '\\' && path[i + 1] === '/') {
      current += '/';
      i++;
    } else if (char === '/') {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.filter((part) => part !== '');
}

export function fieldSpecSelects(spec: Pick<FieldSpec, 'group' | 'version' | 'kind'>, id: Pick<ResId, 'group' | 'version' | 'kind'>): boolean {
  if (spec.group && spec.group !== id.group) return false;
  if (spec.version && spec.version !== id.version) return false;
  if (spec.kind && spec.kind !== id.kind) return false;
  return true;
}

type Container = Record<string, unknown>;

/**
 * Calls `visit(parent, key)` for every place the path reaches. With `create`, missing maps on the
 * way (and the last field, if `visit` sets it) are created; without it, a missing field stops.
 */
export function visitFieldPath(root: unknown, parts: string[], create: boolean, visit: (parent: Container, key: string) => void): void {
  walk(root, 0);
  function walk(node: unknown, index: number): void {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, index);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const container = node as Container;
    const part = parts[index]!;
    // "name[]" marks a list: walked when present, never created.
    const isList = part.endsWith('[]');
    const key = isList ? part.slice(0, -2) : part;
    if (index === parts.length - 1) {
      visit(container, key);
      return;
    }
    let next = container[key];
    if (next === undefined || next === null) {
      if (!create || isList) return;
      next = {};
      container[key] = next;
    }
    walk(next, index + 1);
  }
}

/** Parsed field specs are cached: the same few dozen paths are used for every object. */
const splitCache = new Map<string, string[]>();
export function fieldPathParts(path: string): string[] {
  let parts = splitCache.get(path);
  if (!parts) {
    parts = splitFieldPath(path);
    splitCache.set(path, parts);
  }
  return parts;
}
