import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import type { Replacement, ReplacementOptions, Selector } from './kustomization-types.js';
import type { Resource } from './resource.js';
import { ResourceSelector } from './selector.js';

/**
 * `replacements`: copy one field of one object into fields of others. Field paths are dotted
 * ("spec.template.spec.containers.[name=app].image"); "[key=value]" picks a list element, a
 * number picks by index, "*" every element, and "[a.b]" is a key containing dots.
 */
export function applyReplacements(resources: Resource[], replacements: Replacement[], where: SourceLocation, step: string): void {
  for (const replacement of replacements) {
    const source = replacement.source;
    if (!source) throw new KccError('replacement has no source', { location: where, field: 'replacements' });
    const sourceResource = findSource(resources, source, where);
    const sourcePath = source.fieldPath ?? 'metadata.name';
    const values = getAll(sourceResource.object, parseFieldPath(sourcePath));
    if (!values.length) throw new KccError(`replacement source field '${sourcePath}' is missing in ${sourceResource.object.kind}/${sourceResource.object.metadata.name}`, { location: where, field: 'replacements.source.fieldPath' });
    const value = extract(values[0], source.options);
    for (const target of replacement.targets ?? []) {
      if (!target.select) throw new KccError('replacement target needs select', { location: where, field: 'replacements.targets.select' });
      const select = new ResourceSelector(target.select, where);
      const rejects = (target.reject ?? []).map((reject) => new ResourceSelector(reject, where));
      for (const resource of resources) {
        if (!select.matches(resource) || rejects.some((reject) => reject.matches(resource))) continue;
        for (const path of target.fieldPaths ?? ['metadata.name']) {
          const changed = setAll(resource.object, parseFieldPath(path), value, target.options ?? {});
          if (changed === 0 && !target.options?.create) {
            throw new KccError(`replacement target field '${path}' is missing in ${resource.object.kind}/${resource.object.metadata.name}`, { location: where, field: 'replacements.targets.fieldPaths', hint: 'set options.create: true to create it' });
          }
          if (changed) resource.touch(step);
        }
      }
    }
  }
}

function findSource(resources: Resource[], source: Selector, where: SourceLocation): Resource {
  const matches = resources.filter((resource) =>
    resource.allIds().some((id) => (!source.kind || id.kind === source.kind) && (!source.name || id.name === source.name) && (!source.group || id.group === source.group) && (!source.version || id.version === source.version) && (!source.namespace || id.namespace === source.namespace)),
  );
  if (matches.length !== 1) {
    throw new KccError(`replacement source ${source.kind ?? '*'}/${source.name ?? '*'} matches ${matches.length} objects; it must match exactly one`, { location: where, field: 'replacements.source' });
  }
  return matches[0]!;
}

function extract(value: unknown, options: ReplacementOptions | undefined): unknown {
  if (!options?.delimiter) return value;
  const parts = String(value).split(options.delimiter);
  const index = options.index ?? 0;
  if (index < 0 || index >= parts.length) throw new Error(`options.index ${index} is out of range for '${String(value)}'`);
  return parts[index];
}

type Segment = { key: string } | { index: number } | { match: [string, string] } | { all: true };

export function parseFieldPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let current = '';
  let depth = 0;
  const flush = (): void => {
    if (current === '') return;
    if (current === '*') segments.push({ all: true });
    else if (current.startsWith('[') && current.endsWith(']')) {
      const inner = current.slice(1, -1);
      const eq = inner.indexOf('=');
      segments.push(eq === -1 ? { key: inner } : { match: [inner.slice(0, eq), inner.slice(eq + 1)] });
    } else if (/^\d+$/.test(current)) segments.push({ index: Number(current) });
    else segments.push({ key: current });
    current = '';
  };
  for (const char of path) {
    if (char === '[') depth++;
    if (char === ']') depth--;
    if (char === '.' && depth === 0) flush();
    else current += char;
  }
  flush();
  return segments;
}

function getAll(node: unknown, segments: Segment[]): unknown[] {
  if (!segments.length) return node === undefined ? [] : [node];
  const [head, ...rest] = segments;
  return children(node, head!, false).flatMap(({ value }) => getAll(value, rest));
}

function children(node: unknown, segment: Segment, create: boolean): { parent: Record<string, unknown> | unknown[]; key: string | number; value: unknown }[] {
  if (Array.isArray(node)) {
    if ('index' in segment) return segment.index < node.length ? [{ parent: node, key: segment.index, value: node[segment.index] }] : [];
    if ('all' in segment) return node.map((value, key) => ({ parent: node, key, value }));
    if ('match' in segment) {
      const [k, v] = segment.match;
      return node.flatMap((value, key) => (value && typeof value === 'object' && String((value as Record<string, unknown>)[k]) === v ? [{ parent: node, key, value }] : []));
    }
    return [];
  }
  if (node && typeof node === 'object' && 'key' in segment) {
    const map = node as Record<string, unknown>;
    if (!(segment.key in map) && create) map[segment.key] = {};
    return segment.key in map ? [{ parent: map, key: segment.key, value: map[segment.key] }] : [];
  }
  return [];
}

function setAll(node: unknown, segments: Segment[], value: unknown, options: ReplacementOptions): number {
  const [head, ...rest] = segments;
  if (!head) return 0;
  let count = 0;
  const create = options.create ?? false;
  for (const child of children(node, head, create && rest.length > 0)) {
    if (rest.length) count += setAll(child.value, rest, value, options);
    else {
      (child.parent as Record<string | number, unknown>)[child.key] = insert(child.value, value, options);
      count++;
    }
  }
  if (!rest.length && count === 0 && create && 'key' in head && node && typeof node === 'object' && !Array.isArray(node)) {
    (node as Record<string, unknown>)[head.key] = value;
    count++;
  }
  return count;
}

function insert(current: unknown, value: unknown, options: ReplacementOptions): unknown {
  if (!options.delimiter) return structuredClone(value);
  const parts = String(current ?? '').split(options.delimiter);
  const index = options.index ?? 0;
  if (index < 0) parts.unshift(String(value));
  else if (index >= parts.length) parts.push(String(value));
  else parts[index] = String(value);
  return parts.join(options.delimiter);
}
