import * as crypto from 'node:crypto';

/** Longest name for most kinds (a DNS-1123 label; Services and many others require it). */
export const MAX_LABEL_LENGTH = 63;
/** Longest name for kinds that accept a DNS-1123 subdomain. */
export const MAX_SUBDOMAIN_LENGTH = 253;

const HASH_LENGTH = 8;
/** Construct ids that mark "the main thing inside this scope" and add nothing to a name. */
const TRANSPARENT_IDS = new Set(['Default', 'Resource']);

/**
 * Derives a Kubernetes object name from a construct path such as `web/frontend/Deployment`.
 *
 * 1. Drop the App (the first, empty component) and ids that add nothing (`Default`, `Resource`).
 * 2. Lower-case each component and turn every run of characters outside [a-z0-9] into one `-`;
 *    drop a component that is empty afterwards or repeats the one before it (`web/web` -> `web`).
 * 3. Join with `-` and append `-` + the first 8 hex digits of SHA-256 over the *whole* original
 *    path, so two paths that sanitise alike (`a.b` and `a-b`) still get different names, and a
 *    name never changes unless the path does.
 * 4. If the result is longer than `maxLength`, cut the readable part (never the hash) from the
 *    end and trim a trailing `-`.
 *
 * With `includeHash: false` the hash is left out; the caller then owns uniqueness.
 */
export function nameFromPath(pathComponents: readonly string[], options: { maxLength?: number; includeHash?: boolean } = {}): string {
  const maxLength = options.maxLength ?? MAX_LABEL_LENGTH;
  const includeHash = options.includeHash ?? true;
  const readable: string[] = [];
  for (const component of pathComponents) {
    if (!component || TRANSPARENT_IDS.has(component)) continue;
    const clean = sanitize(component);
    if (clean && clean !== readable[readable.length - 1]) readable.push(clean);
  }
  const hash = includeHash ? shortHash(pathComponents.join('/')) : '';
  const room = includeHash ? maxLength - HASH_LENGTH - 1 : maxLength;
  let text = readable.join('-').slice(0, Math.max(room, 0)).replace(/-+$/, '');
  if (!includeHash) return text || 'object';
  return text ? `${text}-${hash}` : hash;
}

/** Chart and construct ids repeat across many objects: sanitize each distinct id once. */
const sanitized = new Map<string, string>();

function sanitize(component: string): string {
  let clean = sanitized.get(component);
  if (clean === undefined) {
    clean = component.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    if (sanitized.size < 100_000) sanitized.set(component, clean);
  }
  return clean;
}

/** The first 8 hex digits of SHA-256: short, stable across runs and machines. */
export function shortHash(text: string): string {
  return sha256Hex(text).slice(0, HASH_LENGTH);
}

// One-shot crypto.hash (Node >= 20.12) is several times cheaper than createHash per call.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot ? (text: string): string => oneShot('sha256', text, 'hex') : (text: string): string => crypto.createHash('sha256').update(text).digest('hex');
