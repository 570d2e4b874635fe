import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { parseYamlDocument } from '../yaml-parse.js';

/**
 * A dependency as Helm's chart.Dependency holds it, fields in the struct's order (the order
 * matters: the lock digest hashes Go's JSON of it). Only what Chart.yaml sets is present.
 */
export interface LockDependency {
  name: string;
  version?: string;
  repository: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

/** Chart.lock: what `dependency update` resolved, so `dependency build` fetches the same. */
export interface ChartLock {
  dependencies: LockDependency[];
  /** "sha256:" + sha256 of Go's JSON of [Chart.yaml dependencies, locked dependencies]. */
  digest: string;
  /** When the lock was written (RFC 3339); the one field that differs between runs, as in Helm. */
  generated: string;
}

/** A Chart.yaml dependency entry as Go would decode it into chart.Dependency. */
export function toLockDependency(raw: Record<string, unknown>): LockDependency {
  const text = (key: string): string | undefined => (raw[key] === undefined || raw[key] === null || raw[key] === '' ? undefined : String(raw[key]));
  const tags = Array.isArray(raw.tags) && raw.tags.length ? raw.tags.map(String) : undefined;
  const importValues = Array.isArray(raw['import-values']) && raw['import-values'].length ? raw['import-values'] : undefined;
  return {
    name: String(raw.name ?? ''),
    ...(text('version') !== undefined ? { version: text('version') } : {}),
    repository: text('repository') ?? '',
    ...(text('condition') !== undefined ? { condition: text('condition') } : {}),
    ...(tags ? { tags } : {}),
    ...(raw.enabled === true ? { enabled: true } : {}),
    ...(importValues ? { 'import-values': importValues } : {}),
    ...(text('alias') !== undefined ? { alias: text('alias') } : {}),
  };
}

/** Helm's resolver.HashReq: sha256 over json.Marshal([2][]*chart.Dependency{requested, locked}). */
export function lockDigest(requested: LockDependency[], locked: LockDependency[]): string {
  return `sha256:${createHash('sha256').update(goJson([requested, locked])).digest('hex')}`;
}

/**
 * JSON as Go's encoding/json writes it: no spaces, map keys sorted (struct fields keep their
 * order: our objects are built in it), and "<", ">", "&", U+2028, U+2029 escaped.
 */
export function goJson(value: unknown): string {
  return JSON.stringify(sortMapKeys(value)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortMapKeys(value: unknown, isStruct = true): unknown {
  if (Array.isArray(value)) return value.map((item) => sortMapKeys(item, isStructList(value)));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  // Dependencies are structs (field order kept); anything inside import-values is a Go map (sorted).
  const ordered = isStruct ? entries : entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(ordered.map(([key, item]) => [key, sortMapKeys(item, false)]));
}

function isStructList(list: unknown[]): boolean {
  return list.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item) && 'name' in item && 'repository' in item);
}

export function readChartLock(chartDir: string): ChartLock | undefined {
  const file = join(chartDir, 'Chart.lock');
  if (!existsSync(file)) return undefined;
  const document = parseYamlDocument(readFileSync(file, 'utf8'));
  if (document.errors.length) throw new KccError(`invalid YAML: ${document.errors[0]!.message.split('\n')[0]}`, { location: { kind: 'yaml', file } });
  const data = document.toJS() as { dependencies?: Record<string, unknown>[]; digest?: string; generated?: unknown } | null;
  if (!data || !Array.isArray(data.dependencies) || typeof data.digest !== 'string') {
    throw new KccError('Chart.lock must hold dependencies and digest', {
      location: { kind: 'yaml', file },
      hint: 'recreate it with `kcc chart dependency update`',
    });
  }
  return { dependencies: data.dependencies.map(toLockDependency), digest: data.digest, generated: String(data.generated ?? '') };
}

/** Chart.lock text byte for byte as Helm writes it (sigs.k8s.io/yaml: keys sorted, go-yaml quoting). */
export function formatChartLock(lock: ChartLock): string {
  const lines = ['dependencies:'];
  for (const dependency of lock.dependencies) {
    const fields: [string, string][] = [['name', dependency.name], ['repository', dependency.repository]];
    if (dependency.version) fields.push(['version', dependency.version]);
    fields.forEach(([key, value], index) => lines.push(`${index === 0 ? '- ' : '  '}${key}: ${goYamlString(value)}`));
  }
  if (lock.dependencies.length === 0) lines[0] = 'dependencies: []';
  lines.push(`digest: ${goYamlString(lock.digest)}`, `generated: ${goYamlString(lock.generated)}`);
  return `${lines.join('\n')}\n`;
}

// What go-yaml v2 would read as something other than a string (YAML 1.1 null, bool, number, timestamp).
const NON_STRING = new RegExp(`^(?:${[
  '~|null|Null|NULL',
  'y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF',
  String.raw`[-+]?(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][-+]?\d+)?|[-+]?0x[0-9a-fA-F_]+|[-+]?0b[01_]+`,
  String.raw`[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)`,
  String.raw`\d{4}-\d\d?-\d\d?(?:[Tt ].*)?`,
].join('|')})$`);

/**
 * A string scalar the way go-yaml v2 emits it: double-quoted when it would read back as another
 * type, single-quoted when plain style cannot hold it, plain otherwise.
 */
export function goYamlString(value: string): string {
  if (value === '' || NON_STRING.test(value)) return JSON.stringify(value);
  const needsQuotes = /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(value) || /[:\s]$/.test(value) || /: | #|[\n\t]/.test(value);
  if (!needsQuotes) return value;
  if (/[\n\t\\]/.test(value)) return JSON.stringify(value);
  return `'${value.replace(/'/g, "''")}'`;
}
