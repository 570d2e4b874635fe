import type { KubeObject } from '../core/kube-object.js';

export const MASK = '***';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function isSecret(object: KubeObject | undefined): object is KubeObject {
  return object?.kind === 'Secret' && object.apiVersion === 'v1';
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** YAML can give a Secret value as a number or boolean; the server reads it as its text. */
function asText(value: unknown): string | undefined {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value) ? String(value) : undefined;
}

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

function decodeBase64(text: string): string | undefined {
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  // Buffer decodes anything; only a value that round-trips was base64 of text to begin with.
  return decoded && toBase64(decoded) === text ? decoded : undefined;
}

/**
 * The data the server stores for a Secret: `data` with `stringData` merged over it, every value
 * base64-encoded (numbers and booleans by their text).
 */
export function storedSecretData(secret: KubeObject): Record<string, string> {
  const data = isMap(secret.data) ? Object.entries(secret.data) : [];
  const stringData = isMap(secret.stringData) ? Object.entries(secret.stringData) : [];
  return Object.fromEntries([
    ...data.map(([key, value]) => [key, String(value)]),
    ...stringData.map(([key, value]) => [key, toBase64(String(value))]),
  ]);
}

/**
 * Copies of objects with Secret values hidden, for anything shown to people or machines (diff,
 * history, logs, --output). Values that differ between two versions are masked differently, so a
 * diff still says *that* a value changed without saying what it is. Both versions are compared as
 * the server stores them, so `stringData` on one side and `data` on the other compare as equal.
 */
export function maskSecret<T extends KubeObject | undefined>(object: T, other?: KubeObject, side: 'before' | 'after' = 'after'): T {
  if (!object || !isSecret(object)) return object;
  const mine = storedSecretData(object);
  const theirs = isSecret(other) ? storedSecretData(other) : {};
  const changed = `${MASK} (${side === 'before' ? 'old' : 'new'} value)`;
  const copy: any = { ...object };
  for (const key of ['data', 'stringData'] as const) {
    const values = object[key];
    if (values === undefined || values === null) continue;
    // Anything but a map is malformed, and may still hold a value: hide it whole.
    copy[key] = isMap(values)
      ? Object.fromEntries(Object.keys(values).map((name) => [name, Object.hasOwn(theirs, name) && theirs[name] !== mine[name] ? changed : MASK]))
      : MASK;
  }
  // The last-applied annotation kubectl writes holds the whole Secret in clear text.
  const annotations = object.metadata?.annotations;
  if (annotations?.[LAST_APPLIED]) {
    copy.metadata = { ...object.metadata, annotations: { ...annotations, [LAST_APPLIED]: MASK } };
  }
  return copy as T;
}

export function maskSecrets(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) => maskSecret(o));
}

/** Characters that can continue a name or token: a value next to one is part of something longer. */
const NAME_CONTINUES = String.raw`[\p{L}\p{N}_./-]`;
const BASE64_CONTINUES = String.raw`[\p{L}\p{N}_./+=-]`;

/** One way a Secret value can appear in text, and the characters that would continue it. */
interface SecretForm {
  text: string;
  continues: string;
}

function secretForms(objects: KubeObject[]): SecretForm[] {
  const forms = new Map<string, SecretForm>();
  const add = (text: string | undefined, continues: string) => {
    if (text) forms.set(`${continues} ${text}`, { text, continues });
  };
  for (const secret of objects.filter(isSecret)) {
    for (const value of isMap(secret.data) ? Object.values(secret.data) : []) {
      const encoded = asText(value);
      add(encoded, BASE64_CONTINUES);
      if (encoded) add(decodeBase64(encoded), NAME_CONTINUES);
    }
    for (const value of isMap(secret.stringData) ? Object.values(secret.stringData) : []) {
      const text = asText(value);
      add(text, NAME_CONTINUES);
      if (text) add(toBase64(text), BASE64_CONTINUES);
    }
  }
  return [...forms.values()];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function formPattern({ text, continues }: SecretForm): RegExp {
  const value = escapeRegExp(text);
  // Bare in a message, a 1-3 character value or true/false is more likely the message's own word,
  // so those are masked only where the server quotes them: "x", 'x', or Go's `Value:x}`.
  const ambiguous = text.length < 4 || text === 'true' || text === 'false';
  const alone = `(?<!${continues})${value}(?!${continues})`;
  const quoted = `(?<=")${value}(?=")|(?<=')${value}(?=')|(?<=Value:)${value}(?!${continues})`;
  return new RegExp(ambiguous ? quoted : alone, 'gu');
}

/**
 * A function that scrubs Secret values out of free text (a server error message can quote a
 * rejected value). Only whole values are scrubbed, never a piece of a longer name: a Secret value
 * `shop` is masked in `namespaces "shop" not found` but not in `ServiceAccount/shop-dev/dev-shop`.
 * Forms scrubbed: `data` values as written (base64) and decoded, `stringData` values as written
 * and base64-encoded, numbers and booleans by their text. Longer values go first, so a value that
 * contains another is masked whole.
 */
export function secretScrubber(objects: KubeObject[]): (text: string) => string {
  const patterns = secretForms(objects)
    .sort((a, b) => b.text.length - a.text.length)
    .map(formPattern);
  return (text) => patterns.reduce((result, pattern) => result.replace(pattern, MASK), text);
}

export function scrubSecretValues(text: string, objects: KubeObject[]): string {
  return secretScrubber(objects)(text);
}

/** A copy of any JSON value (a release record's failure, say) with every string in it scrubbed. */
export function scrubSecretsDeep<T>(value: T, objects: KubeObject[]): T {
  const scrub = secretScrubber(objects);
  const walk = (item: unknown): unknown => {
    if (typeof item === 'string') return scrub(item);
    if (Array.isArray(item)) return item.map(walk);
    if (isMap(item)) return Object.fromEntries(Object.entries(item).map(([key, inner]) => [key, walk(inner)]));
    return item;
  };
  return walk(value) as T;
}
