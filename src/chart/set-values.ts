import { KccError } from '../core/errors.js';
import { isPlainMap, type Values } from './values.js';

/**
 * Helm's `--set` syntax, parsed into an existing values map (later flags see earlier ones, as in
 * Helm, so `--set list[1]=x` edits a list given by a `-f` file).
 *
 *   a=1,b.c=x           assignments separated by commas; dots descend into maps
 *   list[0].name=x      indices address list items (the list grows, gaps become null)
 *   tags={a,b,c}        braces give a whole list
 *   name=a\,b  k\.x=1   a backslash escapes the next character (`,` `.` `=` `[` `{` `\`)
 *
 * `--set` types values: true/false, null, and integers without a leading zero become booleans,
 * null and numbers; everything else (including "1.5" and "0755") stays a string. `--set-string`
 * keeps every value a string; `--set-file` reads the value from the named file.
 */
export type SetMode = 'typed' | 'string' | 'file';

// Helm refuses larger indices so that `a[999999999]=x` cannot allocate a huge list.
const MAX_INDEX = 65_536;

export function applySetArgument(target: Values, text: string, mode: SetMode, readFile: (path: string) => string = defaultReadFile): void {
  new SetParser(text, mode, readFile).parseInto(target);
}

function defaultReadFile(): string {
  throw new Error('--set-file needs a file reader');
}

class SetParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly mode: SetMode,
    private readonly readFile: (path: string) => string,
  ) {}

  parseInto(target: Values): void {
    while (this.pos < this.text.length) {
      this.parseMapKey(target);
      if (this.pos < this.text.length) this.expect(',');
    }
  }

  private fail(message: string): never {
    throw new KccError(`invalid --set value "${this.text}": ${message}`, {
      hint: 'use key=value pairs separated by commas, e.g. --set image.tag=1.2,replicas=3 (escape literal commas and dots with a backslash)',
    });
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail(`expected "${char}" at position ${this.pos + 1}`);
    this.pos++;
  }

  /** Reads until an unescaped stop character; returns the text with escapes removed. */
  private readUntil(stops: string): string {
    let out = '';
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === '\\' && this.pos + 1 < this.text.length) {
        out += this.text[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (stops.includes(char)) break;
      out += char;
      this.pos++;
    }
    return out;
  }

  /** `key` followed by `=value`, `.more`, or `[index]...`, assigned into a map. */
  private parseMapKey(target: Values): void {
    const key = this.readUntil('=[.,');
    if (key === '') this.fail(`empty key at position ${this.pos + 1}`);
    const next = this.text[this.pos];
    if (next === undefined || next === ',') this.fail(`key "${key}" has no value`);
    this.pos++;
    if (next === '=') {
      target[key] = this.parseValue();
    } else if (next === '.') {
      const child = isPlainMap(target[key]) ? (target[key] as Values) : {};
      target[key] = child;
      this.parseMapKey(child);
    } else {
      const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
      target[key] = list;
      this.parseListIndex(list);
    }
  }

  /** After `[`: the index, `]`, then `=value`, `.key...` or another `[index]`. */
  private parseListIndex(list: unknown[]): void {
    const digits = this.readUntil(']');
    this.expect(']');
    if (!/^\d+$/.test(digits)) this.fail(`list index "${digits}" is not a non-negative integer`);
    const index = Number(digits);
    if (index > MAX_INDEX) this.fail(`list index ${index} is larger than ${MAX_INDEX}`);
    while (list.length <= index) list.push(null);
    const next = this.text[this.pos];
    this.pos++;
    if (next === '=') {
      list[index] = this.parseValue();
    } else if (next === '.') {
      const child = isPlainMap(list[index]) ? (list[index] as Values) : {};
      list[index] = child;
      this.parseMapKey(child);
    } else if (next === '[') {
      const child = Array.isArray(list[index]) ? (list[index] as unknown[]) : [];
      list[index] = child;
      this.parseListIndex(child);
    } else {
      this.fail(`expected "=", "." or "[" after list index ${index}`);
    }
  }

  private parseValue(): unknown {
    if (this.text[this.pos] === '{' && this.mode !== 'file') {
      this.pos++;
      const items: unknown[] = [];
      while (this.text[this.pos] !== '}') {
        if (this.pos >= this.text.length) this.fail('list is missing its closing "}"');
        items.push(this.convert(this.readUntil(',}')));
        if (this.text[this.pos] === ',') this.pos++;
      }
      this.pos++;
      return items;
    }
    return this.convert(this.readUntil(','));
  }

  private convert(raw: string): unknown {
    if (this.mode === 'string') return raw;
    if (this.mode === 'file') return this.readFile(raw);
    return typedValue(raw);
  }
}

/** Helm's typing of `--set` values (strvals typedVal). */
export function typedValue(raw: string): unknown {
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (raw === '0') return 0;
  if (/^[-+]?[1-9]\d*$/.test(raw)) {
    const number = Number(raw);
    // Beyond 2^53 a JS number loses digits; keep such values as the string the user typed.
    if (Number.isSafeInteger(number)) return number;
  }
  return raw;
}
