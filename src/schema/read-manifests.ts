import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { YAMLError } from 'yaml';
import { KccError } from '../core/errors.js';
import type { KubeObject, TrackedObject } from '../core/kube-object.js';
import { parseKubectlYaml, type DuplicateKey } from './kubectl-yaml.js';
import { rememberYamlOrigin } from './node-positions.js';
import type { ValidationIssue } from './validation-issue.js';

export interface ReadManifestsResult {
  objects: TrackedObject[];
  /** Syntax problems and documents that are not objects; the objects read fine are still returned. */
  issues: ValidationIssue[];
  files: string[];
}

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads Kubernetes manifests from YAML or JSON text: every document of a multi-document stream,
 * and the members of `kind: List`. Each object remembers its YAML node so validation errors can
 * name the line:column of the field at fault.
 */
export function readManifestText(text: string, file: string): ReadManifestsResult {
  const parsed = parseKubectlYaml(text);
  const { lineCounter } = parsed;
  const objects: TrackedObject[] = [];
  const issues: ValidationIssue[] = [];
  const lines = text.split('\n');
  for (const [d, document] of parsed.documents.entries()) {
    const errors = parsed.errors[d]!;
    // After the first syntax error the parser's view of the document is off, so later errors are
    // mostly echoes of it; tabs are the exception (each one is a separate fix).
    errors.forEach((error, i) => {
      if (i === 0 || error.code === 'TAB_AS_INDENT') issues.push(yamlIssue(error, file, lines, 'error'));
    });
    for (const warning of parsed.warnings[d]!) issues.push(yamlIssue(warning, file, lines, 'warning'));
    for (const duplicate of parsed.duplicateKeys[d]!) issues.push(duplicateKeyIssue(duplicate, file));
    if (errors.length) continue;
    const start = document.contents?.range?.[0] ?? document.range[0];
    const { line, col } = lineCounter.linePos(start);
    const value = document.toJS({ maxAliasCount: 100 }) as unknown;
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
  return { objects, issues, files: [file] };
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
  const message = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return {
    severity,
    code: 'yaml-syntax',
    message: `YAML: ${message}`,
    location: { kind: 'yaml', file, line, column: position?.col },
    hint: yamlHint(error.code, text, previous),
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

function yamlHint(code: string, text: string, previous: string): string | undefined {
  if (code === 'TAB_AS_INDENT' || /^\s*\t/.test(text) || /^ *\t/.test(text)) return 'YAML indentation must use spaces, never tabs: replace the tab characters at the start of this line with spaces';
  for (const candidate of [text, previous]) {
    const match = MISSING_SPACE.exec(candidate);
    if (match) return `add a space after the colon: "${match[1]}: ${candidate.slice(candidate.indexOf(':') + 1).trim()}"`;
  }
  if (code === 'DUPLICATE_KEY') return 'a key may appear only once in a mapping: remove or rename one of them';
  if (code === 'BAD_INDENT' || code === 'MISSING_CHAR' || code === 'UNEXPECTED_TOKEN') return 'check the indentation: nested fields must be indented further than their parent, with the same number of spaces for siblings';
  return undefined;
}

/** Reads files, and directories recursively (only .yaml, .yml and .json; hidden entries skipped). */
export async function readManifestPaths(paths: string[]): Promise<ReadManifestsResult> {
  const files: string[] = [];
  for (const path of paths) await collectFiles(path, files, true);
  const result: ReadManifestsResult = { objects: [], issues: [], files: [] };
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const one = readManifestText(text, file);
    result.objects.push(...one.objects);
    result.issues.push(...one.issues);
    result.files.push(file);
  }
  return result;
}

async function collectFiles(path: string, into: string[], explicit: boolean): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new KccError(`${path}: no such file or directory`, { hint: 'pass manifest files (.yaml, .yml, .json) or directories that contain them' });
  }
  if (info.isDirectory()) {
    const entries = (await readdir(path)).filter((name) => !name.startsWith('.') && name !== 'node_modules').sort();
    for (const name of entries) await collectFiles(join(path, name), into, false);
  } else if (explicit || MANIFEST_EXTENSIONS.has(extname(path).toLowerCase())) {
    into.push(path);
  }
}
