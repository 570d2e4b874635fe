import type { Document, LineCounter, Scalar, Tags, YAMLError } from 'yaml';
import { yamlLibrary } from './lazy-yaml.js';

/**
 * YAML as kubectl reads it (go-yaml v2, YAML 1.1): `yes`/`on` are booleans, `0644` is octal (a
 * volume's defaultMode), `<<` merges; but dates and `12:30` stay strings, as go-yaml leaves them
 * when decoding into untyped JSON. Reading with YAML 1.2 would validate different values than
 * the ones the cluster receives.
 */
const KUBECTL_YAML = {
  version: '1.1' as const,
  customTags: (tags: Tags): Tags => tags.filter((tag) => typeof tag === 'string' || (!tag.tag.endsWith(':timestamp') && tag.format !== 'TIME')),
};

/** Quoted scalars re-indented per parse: each pass fixes one, so a bound keeps bad input cheap. */
const MAX_REINDENTS = 20;

/** A duplicate key kubectl accepts: the last value wins, as go-yaml decodes it. */
export interface DuplicateKey {
  key: string;
  firstLine: number;
  line: number;
  column: number;
}

export interface KubectlYaml {
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Errors and warnings per document, without the ones go-yaml does not raise. */
  errors: YAMLError[][];
  warnings: YAMLError[][];
  duplicateKeys: DuplicateKey[][];
}

/**
 * Parses a YAML stream with the `yaml` library, accepting what go-yaml (the API server's and
 * kubectl's parser) accepts and the library does not:
 * - a duplicate mapping key: the last value wins; reported apart so callers can warn;
 * - `\'` in a double-quoted scalar: go-yaml reads it as `'`;
 * - a quoted scalar whose continuation lines are indented less than its key: go-yaml does not
 *   check the indentation inside quotes, so those lines are indented further and parsed again
 *   (leading spaces of a continuation line are not part of the value, so it is unchanged).
 */
export function parseKubectlYaml(text: string): KubectlYaml {
  let source = text;
  let parsed = parseWith(source);
  for (let pass = 0; pass < MAX_REINDENTS; pass++) {
    const reindented = reindentFirstQuotedScalar(source, parsed.documents);
    if (reindented === undefined || reindented === source) break;
    const reparsed = parseWith(reindented);
    // A quote that really is unclosed pairs with a later scalar's opening quote: more errors, not fewer.
    if (errorCount(reparsed.documents) >= errorCount(parsed.documents)) break;
    source = reindented;
    parsed = reparsed;
  }
  const { documents, lineCounter } = parsed;
  const errors: YAMLError[][] = [];
  const duplicateKeys: DuplicateKey[][] = [];
  for (const document of documents) {
    const kept: YAMLError[] = [];
    for (const error of document.errors) {
      if (error.code === 'BAD_DQ_ESCAPE' && source.startsWith("\\'", error.pos[0]) && unescapeQuote(document, error.pos[0], source)) continue;
      kept.push(error);
    }
    errors.push(kept);
    duplicateKeys.push(kept.length ? NO_DUPLICATES : findDuplicateKeys(document, lineCounter));
  }
  return { documents, lineCounter, errors, warnings: documents.map((d) => d.warnings), duplicateKeys };
}

function errorCount(documents: Document.Parsed[]): number {
  let count = 0;
  for (const document of documents) count += document.errors.length;
  return count;
}

function parseWith(source: string): { documents: Document.Parsed[]; lineCounter: LineCounter } {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(source, { lineCounter, prettyErrors: true, uniqueKeys: false, ...KUBECTL_YAML });
  // An empty stream comes back as an EmptyStream, not an array.
  return { documents: Array.isArray(parsed) ? parsed : [], lineCounter };
}

const MERGE_KEY = '<<';
const NO_DUPLICATES: DuplicateKey[] = [];
const MISSING_QUOTE = /^Missing closing (['"])quote/;

/**
 * For the first "Missing closing quote" whose quote does close further on (go-yaml would read it),
 * the text with that scalar's continuation lines indented past its opening quote.
 */
function reindentFirstQuotedScalar(source: string, documents: Document.Parsed[]): string | undefined {
  for (const document of documents) {
    for (const error of document.errors) {
      const quote = error.code === 'MISSING_CHAR' ? MISSING_QUOTE.exec(error.message)?.[1] : undefined;
      if (!quote) continue;
      const open = openingQuote(source, error.pos[0], quote);
      const close = open === undefined ? undefined : closingQuote(source, open + 1, quote);
      if (open === undefined || close === undefined) return undefined;
      const lineStart = source.lastIndexOf('\n', open) + 1;
      const indent = ' '.repeat(open - lineStart + 1);
      const lines = source.slice(open, close).split('\n');
      const body = lines.map((line, i) => (i === 0 || line.trim() === '' || leadingWhitespace(line) > open - lineStart ? line : indent + line.trimStart()));
      return source.slice(0, open) + body.join('\n') + source.slice(close);
    }
  }
  return undefined;
}

function leadingWhitespace(line: string): number {
  return line.length - line.trimStart().length;
}

/** The opening quote of the scalar the lexer cut short at `end`: the last unescaped one before it. */
function openingQuote(source: string, end: number, quote: string): number | undefined {
  for (let i = Math.min(end, source.length - 1); i >= 0; i--) {
    if (source[i] !== quote) continue;
    if (quote === "'" && source[i - 1] === "'") {
      i--;
      continue;
    }
    if (quote === '"' && isEscaped(source, i)) continue;
    return i;
  }
  return undefined;
}

/** The offset just past the closing quote of a scalar whose content starts at `from`. */
function closingQuote(source: string, from: number, quote: string): number | undefined {
  for (let i = from; i < source.length; i++) {
    if (source[i] !== quote) continue;
    if (quote === "'" && source[i + 1] === "'") {
      i++;
      continue;
    }
    if (quote === '"' && isEscaped(source, i)) continue;
    return i + 1;
  }
  return undefined;
}

function isEscaped(source: string, at: number): boolean {
  let backslashes = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Re-reads the double-quoted scalar around `offset` with each `\'` as `'`; false if none is there. */
function unescapeQuote(document: Document.Parsed, offset: number, source: string): boolean {
  const scalar = scalarAt(document, offset);
  if (!scalar?.range || scalar.type !== 'QUOTE_DOUBLE') return false;
  const written = source.slice(scalar.range[0], scalar.range[1]);
  let fixed = '';
  for (let i = 0; i < written.length; i++) {
    if (written[i] === '\\') {
      fixed += written[i + 1] === "'" ? "'" : written.slice(i, i + 2);
      i++;
    } else fixed += written[i];
  }
  const reread = yamlLibrary().parseDocument(fixed);
  if (reread.errors.length || typeof reread.contents !== 'object' || reread.contents === null) return false;
  scalar.value = (reread.contents as Scalar).value;
  return true;
}

function scalarAt(document: Document.Parsed, offset: number): Scalar | undefined {
  const { visit } = yamlLibrary();
  let found: Scalar | undefined;
  visit(document, {
    Scalar(_, node) {
      if (node.range && node.range[0] <= offset && offset < node.range[1]) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Duplicate keys of every mapping, found in one walk with a set per mapping: the library's own
 * check (`uniqueKeys`) compares each key with every earlier one, quadratic in a mapping's size.
 */
function findDuplicateKeys(document: Document.Parsed, lineCounter: LineCounter): DuplicateKey[] {
  const { isScalar, visit } = yamlLibrary();
  let found: DuplicateKey[] | undefined;
  visit(document, {
    Map(_, map) {
      if (map.items.length < 2) return;
      const seen = new Map<unknown, Scalar>();
      for (const pair of map.items) {
        const key = pair.key;
        // `<<` merges may repeat; only scalar keys can be compared by value.
        if (!isScalar(key) || key.value === MERGE_KEY) continue;
        const first = seen.get(key.value);
        if (!first) {
          seen.set(key.value, key);
          continue;
        }
        const at = lineCounter.linePos(key.range?.[0] ?? 0);
        const firstLine = lineCounter.linePos(first.range?.[0] ?? 0).line;
        (found ??= []).push({ key: String(key.value), firstLine, line: at.line, column: at.col });
      }
    },
  });
  return found ?? NO_DUPLICATES;
}
