import { createHash } from 'node:crypto';
import type { KubeObject } from '../core/kube-object.js';

/**
 * The name suffix kustomize gives generated ConfigMaps and Secrets, reproduced bit for bit:
 * SHA-256 over a Go-style JSON encoding (keys sorted; <, >, & escaped), first 10 hex digits, with
 * 0 1 3 a e mapped to g h k m t so no words appear. The encoded name is always empty: kustomize
 * looks it up with a path its YAML library does not resolve, and the hash has relied on that since.
 */
export function contentHash(object: KubeObject): string {
  const fields: Record<string, unknown> = { kind: object.kind, name: '' };
  const value = (key: string): unknown => (object as Record<string, unknown>)[key] ?? '';
  if (object.kind === 'ConfigMap') {
    fields.data = value('data');
    if (isMap(object.binaryData)) fields.binaryData = object.binaryData;
  } else if (object.kind === 'Secret') {
    fields.data = value('data');
    fields.type = value('type');
    if (isMap(object.stringData)) fields.stringData = object.stringData;
  } else {
    return encodeHash(sha256Hex(goJson(object)));
  }
  return encodeHash(sha256Hex(goJson(fields)));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const HASH_LETTERS: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

function encodeHash(hex: string): string {
  return hex.slice(0, 10).replace(/[013ae]/g, (char) => HASH_LETTERS[char]!);
}

/** JSON as Go's encoding/json writes it: sorted map keys, HTML-safe escapes, \u00XX controls. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${goString(k)}:${goJson(v)}`).join(',')}}`;
}

function goString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || char === '<' || char === '>' || char === '&' || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out + '"';
}
