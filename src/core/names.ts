import * as crypto from 'node:crypto';

/** Longest name for most kinds (a DNS-1123 label; Services and many others require it). */
export const MAX_LABEL_LENGTH = 63;
/** Longest name for kinds that accept a DNS-1123 subdomain. */
export const MAX_SUBDOMAIN_LENGTH = 253;
/** CronJob names leave room for the 11 characters the controller appends to its Jobs' names. */
export const MAX_CRONJOB_NAME_LENGTH = 52;

const HASH_LENGTH = 8;
const DNS_LABEL = /^[0-9a-z-]+$/;
const LABEL_VALUE = /^(([0-9a-zA-Z][0-9a-zA-Z-_.]*)?[0-9a-zA-Z])?$/;

export interface NameOptions {
  /** @default 63 */
  readonly maxLength?: number;
  /** Append a short hash of the construct's address. @default true */
  readonly includeHash?: boolean;
  /** Between components. @default "-" */
  readonly delimiter?: string;
  /** More components after the construct's own path. @default none */
  readonly extra?: readonly string[];
}

/**
 * Object names derived from construct paths, exactly as cdk8s derives them (`Names.toDnsLabel`),
 * so that an app ported from cdk8s keeps every object name:
 *
 * 1. Take the path (`web/frontend/Deployment`, the App's empty id left out) split at `/`, plus
 *    `extra`; a path of one component that is already a valid name is used as it is.
 * 2. Lower-case each component and delete every character outside [0-9a-zA-Z-_.].
 * 3. Append the first 8 characters of the construct's address (`node.addr`: "c8" + SHA-1 over
 *    the ids of the scopes, `Default` ids skipped), so names stay unique and stable.
 * 4. Going from the end (the last components carry the meaning), drop a component equal to the
 *    one after it, and keep at most `maxLength` characters; then split on the delimiter and drop
 *    empty parts and parts that read `resource` or `default` (the "main thing" ids).
 *
 * `scopeIds` are the ids of the construct's scopes, root first (`node.scopes.map(s => s.node.id)`).
 */
export function nameFromPath(scopeIds: readonly string[], options: NameOptions = {}): string {
  return composeName(scopeIds, options, true);
}

/** As `nameFromPath`, for label values (`Names.toLabelValue`): case kept, no leading punctuation. */
export function labelValueFromPath(scopeIds: readonly string[], options: NameOptions = {}): string {
  return composeName(scopeIds, options, false);
}

function composeName(scopeIds: readonly string[], options: NameOptions, dnsLabel: boolean): string {
  const maxLength = options.maxLength ?? MAX_LABEL_LENGTH;
  const delimiter = options.delimiter ?? '-';
  const includeHash = options.includeHash ?? true;
  const what = dnsLabel ? 'object names' : 'label';
  if (maxLength < HASH_LENGTH && includeHash) throw new Error(`minimum max length for ${what} is ${HASH_LENGTH} (required for hash)`);
  if (!dnsLabel && /[^0-9a-zA-Z-_.]/.test(delimiter)) throw new Error('delim should not contain "[^0-9a-zA-Z-_.]"');
  // The path as constructs builds it: the root's id only when it is not empty.
  const components = scopeIds[0] === '' ? scopeIds.slice(1) : [...scopeIds];
  if (components.length === 0) components.push('');
  if (options.extra) components.push(...options.extra);
  const only = components[0]!;
  if (components.length === 1 && (dnsLabel ? DNS_LABEL : LABEL_VALUE).test(only) && only.length <= maxLength) return only;
  const normalized = components.map((c) => normalize(c, maxLength, dnsLabel));
  if (includeHash) normalized.push(constructAddress(scopeIds).slice(0, HASH_LENGTH));
  const name = toHumanForm(normalized, delimiter, maxLength);
  return dnsLabel ? name : name.replace(/^[^0-9a-zA-Z]+/, '');
}

/** Chart and construct ids repeat across many objects: normalize each distinct id once. */
const normalized = { dns: new Map<string, string>(), label: new Map<string, string>() };

function normalize(component: string, maxLength: number, lowerCase: boolean): string {
  const cache = lowerCase ? normalized.dns : normalized.label;
  let clean = cache.get(component);
  if (clean === undefined) {
    clean = (lowerCase ? component.toLocaleLowerCase() : component).replace(/[^0-9a-zA-Z-_.]/g, '');
    if (cache.size < 100_000) cache.set(component, clean);
  }
  return clean.length > maxLength ? clean.slice(0, maxLength) : clean;
}

const IMPLIED_IDS = new Set(['resource', 'default']);

function toHumanForm(components: string[], delimiter: string, maxLength: number): string {
  const reversed = components.reverse().filter((value, index, all) => value !== all[index - 1]);
  // The common case, nothing cut: the same result without the string round trips below.
  let length = reversed.length - 1;
  for (const part of reversed) length += part.length;
  if (length <= maxLength && delimiter === '-') {
    const parts: string[] = [];
    for (let i = reversed.length - 1; i >= 0; i--) {
      for (const piece of reversed[i]!.split('-')) if (piece && !IMPLIED_IDS.has(piece.toLowerCase())) parts.push(piece);
    }
    return parts.join('-');
  }
  return reversed
    .join('/')
    .slice(0, maxLength)
    .split('/')
    .reverse()
    .filter((x) => x)
    .join(delimiter)
    .split(delimiter)
    .filter((x) => x && !IMPLIED_IDS.has(x.toLowerCase()))
    .join(delimiter);
}

/**
 * A construct's address, as `constructs` computes `node.addr`: "c8" + SHA-1 over each scope id
 * followed by a newline, root first, ids equal to `Default` skipped.
 */
export function constructAddress(scopeIds: readonly string[]): string {
  let text = '';
  for (const id of scopeIds) if (id !== 'Default') text += `${id}\n`;
  return `c8${sha1Hex(text)}`;
}

/** The first 8 hex digits of SHA-256: short, stable across runs and machines. */
export function shortHash(text: string): string {
  return hashHex('sha256', text).slice(0, HASH_LENGTH);
}

// One-shot crypto.hash (Node >= 20.12) is several times cheaper than createHash per call.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const hashHex = oneShot
  ? (algorithm: string, text: string): string => oneShot(algorithm, text, 'hex')
  : (algorithm: string, text: string): string => crypto.createHash(algorithm).update(text).digest('hex');
const sha1Hex = (text: string): string => hashHex('sha1', text);
