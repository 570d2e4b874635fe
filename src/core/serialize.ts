import { emitYaml } from './yaml-emitter.js';
import type { KubeObject } from './kube-object.js';

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/**
 * Returns a copy with keys in kcc's canonical order: apiVersion, kind, metadata first, every other
 * key sorted by code point, at every depth. Output order never depends on how a source built it.
 */
export function canonicalize<T>(value: T): T {
  return sortKeys(value, true) as T;
}

function sortKeys(value: unknown, topLevel: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, false));
  if (value === null || typeof value !== 'object') return value;
  const input = value as Record<string, unknown>;
  const keys = Object.keys(input).filter((key) => input[key] !== undefined).sort(compareCodePoints);
  const ordered = topLevel ? [...LEADING_KEYS.filter((k) => k in input && input[k] !== undefined), ...keys.filter((k) => !LEADING_KEYS.includes(k))] : keys;
  const output: Record<string, unknown> = {};
  for (const key of ordered) output[key] = sortKeys(input[key], false);
  return output;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One YAML document, keys in insertion order. YAML 1.1 rules decide quoting, so strings such as
 * "on", "yes", "0755" or "1e3" stay strings for every consumer, including YAML 1.1 parsers
 * (kubectl, Helm, Go yaml.v2). See yaml-emitter.ts.
 */
export function toYaml(value: unknown): string {
  return emitYaml(value);
}

/**
 * A multi-document YAML stream of objects in the given order, canonical key order inside each
 * (sorted while emitting, without building a sorted copy first).
 */
export function toYamlStream(objects: KubeObject[]): string {
  return toYamlStreamBytes(objects).toString('utf8');
}

const SEPARATOR = '---\n';
const CANONICAL = { canonicalKeys: true };

/**
 * The same stream as UTF-8 bytes, ready to write. Each document is written into one growing
 * buffer as soon as it is emitted, so the many short strings that build it die young instead of
 * piling up (as one string concatenated over thousands of documents would) and being copied by
 * every scavenge until the end of the run.
 */
export function toYamlStreamBytes(objects: KubeObject[]): Buffer {
  let buffer = Buffer.allocUnsafe(Math.max(4096, objects.length * 512));
  let length = 0;
  for (let i = 0; i < objects.length; i++) {
    const text = i ? SEPARATOR + emitYaml(objects[i], CANONICAL) : emitYaml(objects[i], CANONICAL);
    // At most 3 UTF-8 bytes per UTF-16 code unit.
    if (length + text.length * 3 > buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, length + text.length * 3));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    length += buffer.write(text, length);
  }
  return buffer.subarray(0, length);
}

/** Objects as one JSON document: a `v1` List, which kubectl accepts; canonical key order. */
export function toJsonList(objects: KubeObject[]): string {
  return `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects.map((o) => canonicalize(o)) }, null, 2)}\n`;
}
