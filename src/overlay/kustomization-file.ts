import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { KUSTOMIZATION_FIELDS, UNSUPPORTED_FIELDS, type FieldShape } from './kustomization-fields.js';
import type { Kustomization } from './kustomization-types.js';

/** The file names kustomize looks for in a directory, in its order of preference. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function findKustomizationFile(dir: string): string | undefined {
  const found = KUSTOMIZATION_FILE_NAMES.map((name) => join(dir, name)).filter((file) => existsSync(file));
  if (found.length > 1) {
    throw new KccError(`found more than one kustomization file in ${dir}: ${found.map((f) => f.slice(dir.length + 1)).join(', ')}`, {
      hint: 'keep exactly one of kustomization.yaml, kustomization.yml, Kustomization',
    });
  }
  return found[0];
}

/** A parsed kustomization plus a way to point at any of its fields by file:line. */
export interface KustomizationFile {
  file: string;
  dir: string;
  kustomization: Kustomization;
  /** Location of the node at `path` (e.g. ['patches', 0, 'path']), or of the file. */
  locate(path: (string | number)[]): SourceLocation;
}

export function parseKustomization(text: string, file: string, dir: string): KustomizationFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, version: '1.2', uniqueKeys: true, prettyErrors: false });
  const at = (offset: number | undefined): SourceLocation => {
    if (offset === undefined) return { kind: 'yaml', file };
    const { line, col } = lineCounter.linePos(offset);
    return { kind: 'yaml', file, line, column: col };
  };
  if (doc.errors.length) {
    const first = doc.errors[0]!;
    throw new KccError(`malformed kustomization: ${first.message.split('\n')[0]}`, { location: at(first.pos[0]) });
  }
  const locate = (path: (string | number)[]): SourceLocation => locateNode(doc, path, at);
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new KccError('malformed kustomization: the document must be a mapping of fields', { location: at(doc.contents?.range?.[0]) });
  }
  // kustomize refuses a kustomization that sets nothing beyond its type (a file left blank by mistake).
  const fields = Object.entries((value ?? {}) as Record<string, unknown>).filter(([key, v]) => key !== 'apiVersion' && key !== 'kind' && v !== null);
  if (fields.length === 0) {
    const hint = 'list resources, components or generators in it, or remove the directory from the build';
    throw new KccError('kustomization.yaml is empty', { location: at(undefined), hint });
  }
  const kustomization = value as Kustomization;
  checkShape(kustomization, KUSTOMIZATION_FIELDS, [], locate, true);
  if (kustomization.kind !== undefined && kustomization.kind !== 'Kustomization' && kustomization.kind !== 'Component') {
    throw new KccError(`kind must be Kustomization or Component, not '${kustomization.kind}'`, { location: locate(['kind']), field: 'kind' });
  }
  return { file, dir, kustomization, locate };
}

function locateNode(doc: Document, path: (string | number)[], at: (offset: number | undefined) => SourceLocation): SourceLocation {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? doc.contents : doc.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      // For a scalar key lookup the value node is returned; a mapping's pair key is a better anchor
      // for "this field is wrong" messages, but the value's line is the same in block style.
      return at(range[0]);
    }
    if (length > 0) {
      const parent = length === 1 ? doc.contents : doc.getIn(path.slice(0, length - 1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => (item.key as { value?: unknown })?.value === path[length - 1]);
        const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
        if (keyRange) return at(keyRange[0]);
      } else if (isSeq(parent)) continue;
    }
  }
  return at(undefined);
}

/** Checks field names and value types against the shape table; unknown fields are errors. */
function checkShape(value: unknown, shape: FieldShape, path: (string | number)[], locate: (p: (string | number)[]) => SourceLocation, topLevel = false): void {
  const fieldName = path.filter((p) => typeof p === 'string').join('.') || 'kustomization';
  const fail = (message: string, at = path): never => {
    throw new KccError(message, { location: locate(at), field: path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') || undefined });
  };
  if (value === null || value === undefined) return;
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') fail(`must be a string, got ${describe(value)}`);
      return;
    case 'scalar':
      if (typeof value === 'object') fail(`must be a single value, got ${describe(value)}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail(`must be true or false, got ${describe(value)}`);
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) fail(`must be an integer, got ${describe(value)}`);
      return;
    case 'any':
      return;
    case 'stringMap':
      if (typeof value !== 'object' || Array.isArray(value)) fail(`must be a mapping of names to values, got ${describe(value)}`);
      for (const [key, item] of Object.entries(value as object)) {
        if (item !== null && typeof item === 'object') fail(`value of '${key}' must be a string, got ${describe(item)}`, [...path, key]);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) fail(`must be a list, got ${describe(value)}`);
      (value as unknown[]).forEach((item, index) => checkShape(item, shape.items, [...path, index], locate));
      return;
    case 'stringOrObject':
      if (typeof value === 'string') return;
      checkShape(value, shape.object, path, locate);
      return;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) fail(`${fieldName} must be a mapping, got ${describe(value)}`);
      for (const [key, item] of Object.entries(value as object)) {
        const child = shape.fields[key];
        if (!child) {
          if (topLevel && UNSUPPORTED_FIELDS[key]) {
            throw new KccError(`'${key}' is not supported by kcc: ${UNSUPPORTED_FIELDS[key]}`, { location: locate([key]), field: key });
          }
          const known = Object.keys(shape.fields);
          const close = known.filter((k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2);
          throw new KccError(`unknown field '${key}'${path.length ? ` in ${fieldName}` : ''}`, {
            location: locate([...path, key]),
            field: [...path, key].join('.'),
            hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : `known fields: ${known.join(', ')}`,
          });
        }
        checkShape(item, child, [...path, key], locate);
      }
      return;
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
