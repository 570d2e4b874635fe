import type { YAMLError } from 'yaml';
import { readFastYamlStream } from '../core/fast-yaml.js';
import type { KubeObject, TrackedObject } from '../core/kube-object.js';
import { parseKubectlYaml, type DuplicateKey } from './kubectl-yaml.js';
import { collectManifestFiles, MAX_MANIFEST_BYTES, readManifestFile, textOf, type SkippedPath } from './manifest-files.js';
import { rememberYamlLine, rememberYamlOrigin } from './node-positions.js';
import type { ValidationIssue } from './validation-issue.js';

export interface ReadManifestsResult {
  objects: TrackedObject[];
  /** Syntax problems and documents that are not objects; the objects read fine are still returned. */
  issues: ValidationIssue[];
  files: string[];
  /** What a directory walk left out (hidden entries, node_modules, other files). */
  skipped: SkippedPath[];
}


/**
 * Reads Kubernetes manifests from YAML or JSON text: every document of a multi-document stream,
 * and the members of `kind: List`. Each object remembers its YAML node so validation errors can
 * name the line:column of the field at fault.
 */
export function readManifestText(text: string, file: string): ReadManifestsResult {
  try {
    return readCommonYaml(text, file) ?? readDocuments(text, file);
  } catch (error) {
    // The parser's own limits (call stack, memory for one string) end up here: one line per file.
    return unreadable(file, `YAML: cannot be read: ${oneLine(error)}`, 'check the file is a Kubernetes manifest; very deep nesting or a huge scalar cannot be read');
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!;
  return line.length > 200 ? `${line.slice(0, 200)}...` : line;
}

/**
 * Most manifests are plain block YAML, which the shared fast reader reads several times faster
 * than the `yaml` library, building no syntax tree: positions come later, for the objects with
 * issues only (node-positions.ts). Anything else (a syntax error, a duplicate key, a `kind: List`,
 * a document that is not an object, YAML outside the reader's subset) goes to readDocuments, which
 * reports it exactly as before.
 */
function readCommonYaml(text: string, file: string): ReadManifestsResult | undefined {
  const documents = readFastYamlStream(text);
  if (!documents) return undefined;
  for (const { value } of documents) {
    if (value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value) || isListKind(value as KubeObject)) return undefined;
  }
  const shared = { text };
  const objects: TrackedObject[] = [];
  for (const { value, line, column } of documents) {
    if (value === null) continue;
    rememberYamlLine(value as object, shared, line);
    objects.push({ object: value as KubeObject, source: { kind: 'yaml', file, line, column }, touchedBy: [] });
  }
  return { objects, issues: [], files: [file], skipped: [] };
}

function readDocuments(text: string, file: string): ReadManifestsResult {
  const parsed = parseKubectlYaml(text);
  const { lineCounter } = parsed;
  const objects: TrackedObject[] = [];
  const issues: ValidationIssue[] = [];
  // Only a syntax problem's hint reads the source lines: split once, on the first one.
  let split: string[] | undefined;
  const lines = (): string[] => (split ??= text.split('\n'));
  for (const [d, document] of parsed.documents.entries()) {
    const errors = parsed.errors[d]!;
    // After the first syntax error the parser's view of the document is off, so later errors are
    // mostly echoes of it; tabs are the exception (each one is a separate fix).
    errors.forEach((error, i) => {
      if (i === 0 || error.code === 'TAB_AS_INDENT') issues.push(yamlIssue(error, file, lines(), 'error'));
    });
    for (const warning of parsed.warnings[d]!) issues.push(yamlIssue(warning, file, lines(), 'warning'));
    for (const duplicate of parsed.duplicateKeys[d]!) issues.push(duplicateKeyIssue(duplicate, file));
    if (errors.length) continue;
    const start = document.contents?.range?.[0] ?? document.range[0];
    const { line, col } = lineCounter.linePos(start);
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      issues.push({ severity: 'error', code: 'yaml-syntax', message: `YAML: ${oneLine(error)}`, location: { kind: 'yaml', file, line, column: col }, hint: 'aliases (*name) that expand to more than 100 copies are refused, as a YAML bomb would be' });
      continue;
    }
    if (value === null || value === undefined) continue;
    const location = { kind: 'yaml' as const, file, line, column: col };
    if (typeof value !== 'object' || Array.isArray(value)) {
      issues.push({ severity: 'error', code: 'not-an-object', message: `this document is a ${Array.isArray(value) ? 'list' : typeof value}, not a Kubernetes object`, location, hint: 'each YAML document (separated by ---) must be one object with apiVersion, kind and metadata' });
      continue;
    }
    const object = value as KubeObject;
    if (isListKind(object)) {
      (object.items as unknown[]).forEach((item, index) => {
        if (typeof item !== 'object' || item === null) return;
        rememberYamlOrigin(item, document, lineCounter, ['items', index]);
        const itemNode = (document.getIn(['items', index], true) as { range?: [number, number, number] } | undefined)?.range;
        const pos = itemNode ? lineCounter.linePos(itemNode[0]) : { line, col };
        objects.push({ object: item as KubeObject, source: { kind: 'yaml', file, line: pos.line, column: pos.col }, touchedBy: [] });
      });
      continue;
    }
    rememberYamlOrigin(object, document, lineCounter);
    objects.push({ object, source: location, touchedBy: [] });
  }
  return { objects, issues, files: [file], skipped: [] };
}

function isListKind(object: KubeObject): boolean {
  return typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}

// An unquoted "key:value" (no space after the colon) is a plain string to YAML, not a mapping.
const MISSING_SPACE = /^\s*(?:-\s+)?([A-Za-z0-9_.\/-]+):(?![\s/]|$)\S/;

function yamlIssue(error: YAMLError, file: string, lines: string[], severity: 'error' | 'warning'): ValidationIssue {
  const position = error.linePos?.[0];
  const line = position?.line;
  const text = line !== undefined ? (lines[line - 1] ?? '') : '';
  const previous = line !== undefined && line > 1 ? (lines[line - 2] ?? '') : '';
  const message = tooDeep(error.message) ? 'nested too deeply to read' : error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity,
    code: 'yaml-syntax',
    message: `YAML: ${message}`,
    location: { kind: 'yaml', file, line, column: position?.col },
    hint: yamlHint(error.code, text, previous, error.message),
  };
}

function duplicateKeyIssue(duplicate: DuplicateKey, file: string): ValidationIssue {
  return {
    severity: 'warning',
    code: 'duplicate-key',
    message: `YAML: key "${duplicate.key}" appears twice in one mapping (lines ${duplicate.firstLine} and ${duplicate.line}): the value on line ${duplicate.line} wins, as kubectl reads it`,
    location: { kind: 'yaml', file, line: duplicate.line, column: duplicate.column },
    hint: `remove the key "${duplicate.key}" on line ${duplicate.firstLine} (or on line ${duplicate.line}, if that value was meant)`,
  };
}

// The library reports running out of stack on very deep nesting as a parse error.
function tooDeep(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
}

function yamlHint(code: string, text: string, previous: string, message: string): string | undefined {
  if (tooDeep(message)) return 'a Kubernetes manifest is never nested this deeply: is this file generated by mistake?';
  if (code === 'TAB_AS_INDENT' || /^\s*\t/.test(text) || /^ *\t/.test(text)) return 'YAML indentation must use spaces, never tabs: replace the tab characters at the start of this line with spaces';
  for (const candidate of [text, previous]) {
    const match = MISSING_SPACE.exec(candidate);
    if (match) return `add a space after the colon: "${match[1]}: ${candidate.slice(candidate.indexOf(':') + 1).trim()}"`;
  }
  if (code === 'DUPLICATE_KEY') return 'a key may appear only once in a mapping: remove or rename one of them';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN') return 'check the indentation: nested fields must be indented further than their parent, with the same number of spaces for siblings';
  return undefined;
}

/**
 * Reads files, and directories recursively (see collectManifestFiles). A file that cannot be read
 * (too large, binary, a YAML bomb) gives one error and the other files are still read.
 */
export async function readManifestPaths(paths: string[]): Promise<ReadManifestsResult> {
  const { files, skipped } = await collectManifestFiles(paths);
  const result: ReadManifestsResult = { objects: [], issues: [], files: [], skipped };
  for (const file of files) {
    const read = readManifestFile(file);
    const one = 'text' in read ? readManifestText(read.text, file) : unreadable(file, read.problem, read.hint);
    result.objects.push(...one.objects);
    result.issues.push(...one.issues);
    result.files.push(file);
  }
  return result;
}

/** Text from a stream (standard input), with the checks a file gets: size and binary content. */
export function readManifestBuffer(buffer: Buffer, file: string): ReadManifestsResult {
  if (buffer.length > MAX_MANIFEST_BYTES) return unreadable(file, `input is larger than the ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB kcc reads`, 'split it into several files');
  const read = textOf(buffer);
  return 'text' in read ? readManifestText(read.text, file) : unreadable(file, read.problem, read.hint);
}

function unreadable(file: string, problem: string, hint: string): ReadManifestsResult {
  const issue: ValidationIssue = { severity: 'error', code: 'unreadable-file', message: problem, location: { kind: 'yaml', file }, hint };
  return { objects: [], issues: [issue], files: [file], skipped: [] };
}
