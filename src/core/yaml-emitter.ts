/**
 * A YAML emitter for plain JSON data (what manifests are): objects, arrays, strings, finite
 * numbers, booleans, null. About ten times faster than a general YAML library's stringify,
 * because it never builds a document tree; correctness is checked by round-tripping through the
 * `yaml` parser under both YAML 1.1 and 1.2 (test/unit/synth/yaml-emitter.test.ts).
 *
 * Output style: block mappings and sequences, sequences indented under their key, two spaces;
 * strings plain where every YAML 1.1 and 1.2 parser reads them back as the same string, double-
 * quoted (JSON escapes, valid YAML) otherwise, and multi-line strings as `|` literal blocks.
 */

export interface EmitOptions {
  /**
   * Sort keys by code point at every depth, with apiVersion, kind, metadata first at the top.
   * @default false (insertion order)
   */
  canonicalKeys?: boolean;
}

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/** One YAML document (no `---`), ending in a newline. */
export function emitYaml(value: unknown, options: EmitOptions = {}): string {
  const sort = options.canonicalKeys ?? false;
  if (isBlockCollection(value)) return Array.isArray(value) ? emitSequence(value, '', sort) : emitMapping(value as Record<string, unknown>, '', sort, true);
  return `${scalar(value, '')}\n`;
}

function isBlockCollection(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length > 0;
  for (const key in value) if ((value as Record<string, unknown>)[key] !== undefined) return true;
  return false;
}

function orderedKeys(value: Record<string, unknown>, sort: boolean, top: boolean): string[] {
  const keys: string[] = [];
  for (const key in value) if (value[key] !== undefined && typeof value[key] !== 'function') keys.push(key);
  if (!sort) return keys;
  // The default sort compares strings by UTF-16 code units, as `<` does, without calling back into JS.
  keys.sort();
  if (!top) return keys;
  const leading = LEADING_KEYS.filter((k) => keys.includes(k));
  return leading.length ? [...leading, ...keys.filter((k) => !LEADING_KEYS.includes(k))] : keys;
}

/**
 * A mapping at `indent`. The first line carries no indentation: the caller has already written
 * it (the indentation, or `- ` for a mapping inside a sequence).
 */
function emitMapping(value: Record<string, unknown>, indent: string, sort: boolean, top = false): string {
  let out = '';
  let first = true;
  for (const key of orderedKeys(value, sort, top)) {
    const item = value[key];
    out += (first ? '' : indent) + scalarKey(key) + ':';
    first = false;
    if (isBlockCollection(item)) {
      const inner = indent + '  ';
      out += Array.isArray(item) ? '\n' + inner + emitSequence(item, inner, sort) : '\n' + inner + emitMapping(item as Record<string, unknown>, inner, sort);
    } else {
      out += ' ' + scalar(item, indent + '  ') + '\n';
    }
  }
  return out;
}

function emitSequence(value: unknown[], indent: string, sort: boolean): string {
  let out = '';
  const inner = indent + '  ';
  for (let i = 0; i < value.length; i++) {
    const item = value[i] === undefined ? null : value[i];
    out += (i === 0 ? '' : indent) + '- ';
    if (isBlockCollection(item)) out += Array.isArray(item) ? emitSequence(item, inner, sort) : emitMapping(item as Record<string, unknown>, inner, sort);
    else out += scalar(item, inner) + '\n';
  }
  return out;
}

function scalar(value: unknown, blockIndent: string): string {
  switch (typeof value) {
    case 'string':
      return value.includes('\n') ? multiline(value, blockIndent) : quoteIfNeeded(value);
    case 'number':
      return number(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? '[]' : '{}';
    default:
      return 'null';
  }
}

function number(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  const text = String(value);
  // YAML 1.1 floats need a dot: "1e+21" would read back as a string there.
  return /e/.test(text) && !text.includes('.') ? text.replace('e', '.0e') : text;
}

/** Keys repeat across objects (apiVersion, metadata, name...): decide each one's form once. */
const keyCache = new Map<string, string>();

function scalarKey(key: string): string {
  let text = keyCache.get(key);
  if (text === undefined) {
    text = key.includes('\n') ? doubleQuoted(key) : quoteIfNeeded(key);
    if (keyCache.size < 10_000) keyCache.set(key, text);
  }
  return text;
}

/** Words some YAML version reads as null, a boolean, a special float, or a merge/value key. */
const RESERVED = new Set([
  '', '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF',
  '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '.nan', '.NaN', '.NAN', '<<', '=',
]);

/**
 * Strings that start like a number and contain only characters numbers, dates and times are made
 * of: every integer, float, octal, hex, binary, sexagesimal ("1:30") and timestamp form of YAML
 * 1.1 and 1.2 falls in here. Quoting a few harmless strings as well ("1.2.3") costs nothing.
 */
const NUMBER_LIKE = /^[-+.]?[0-9][-+.0-9_:eExXoObBa-fA-FtTzZ ]*$/;
/** Characters that start an indicator or flow syntax when first in a plain scalar. */
const UNSAFE_FIRST = /^[-?:,[\]{}#&*!|>'"%@`]/;
/** Anything that ends or breaks a plain scalar inside it, and control or line-break characters. */
const UNSAFE_INSIDE = /: |:$| #|\t|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|^\s|\s$/;

/**
 * Most values and keys: a letter, then letters, digits and `-_./`. None of the patterns below can
 * match such a string (no leading digit or indicator, no space, colon or control character), so
 * only the reserved words remain to check.
 */
const PLAIN_WORD = /^[a-zA-Z][a-zA-Z0-9_./-]*$/;

function quoteIfNeeded(text: string): string {
  if (PLAIN_WORD.test(text)) return RESERVED.has(text) ? doubleQuoted(text) : text;
  if (RESERVED.has(text) || NUMBER_LIKE.test(text) || UNSAFE_FIRST.test(text) || UNSAFE_INSIDE.test(text)) return doubleQuoted(text);
  return text;
}

/** JSON string escapes are valid YAML double-quoted escapes; YAML also breaks lines at NEL, LS, PS. */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A `|` literal block when the text survives one unchanged (no leading space on the first line,
 * no whitespace-only lines, no control characters); double-quoted otherwise. The chomping
 * indicator keeps the exact number of trailing newlines.
 */
function multiline(text: string, indent: string): string {
  if (/^[ \t]|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\n[ \t]+(\n|$)/.test(text)) return doubleQuoted(text);
  const trailing = /\n*$/.exec(text)![0].length;
  const body = text.slice(0, text.length - trailing);
  if (body === '') return doubleQuoted(text);
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  let out = `|${chomp}`;
  const lines = body.split('\n');
  for (const line of lines) out += line === '' ? '\n' : `\n${indent}${line}`;
  // Keep-chomping: the extra trailing newlines are empty lines of the block.
  for (let i = 1; i < trailing; i++) out += '\n';
  return out;
}
