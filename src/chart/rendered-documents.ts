import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { parseFastYaml } from '../core/fast-yaml.js';
import { TrackedLineReader } from './line-markers.js';
import { isPlainMap } from './values.js';
import { parseYamlDocument } from './yaml-parse.js';

/** One object a template produced, with its rendered lines and the template line it starts at. */
export interface RenderedDocument {
  object: KubeObject;
  source: SourceLocation;
  /**
   * The document's text as rendered (what `kcc template` prints). Kept as one string rather than
   * its lines: the lines are needed only while parsing, and short-lived strings are cheap for the
   * garbage collector where a quarter of a million long-lived ones (N = 5,000) are not.
   */
  text: string;
  /** Template line of every rendered line, to place errors found later (schema validation). */
  templateLines: number[];
}

const SEPARATOR = /^---(?:[ \t].*)?$/;
const isSeparator = (line: string): boolean => line.startsWith('---') && SEPARATOR.test(line);

/**
 * Splits a rendered template (still carrying its line markers) into YAML documents and parses
 * each as soon as its last line is read. A document that is not YAML, or not a Kubernetes
 * object, is an error at the template line that wrote the offending line.
 */
export function parseRenderedDocuments(rendered: string, file: string): RenderedDocument[] {
  const reader = new TrackedLineReader(rendered);
  const documents: RenderedDocument[] = [];
  let lines: string[] = [];
  let templateLines: number[] = [];
  for (let line = reader.next(); ; line = reader.next()) {
    if (line !== undefined && !isSeparator(line)) {
      lines.push(line);
      templateLines.push(reader.templateLine);
      continue;
    }
    if (lines.length > 0) {
      const document = parseOne(lines, templateLines, file);
      if (document) documents.push(document);
      lines = [];
      templateLines = [];
    }
    if (line === undefined) break;
  }
  return documents;
}

function parseOne(lines: string[], templateLines: number[], file: string): RenderedDocument | undefined {
  const first = lines.findIndex(hasContent);
  if (first === -1) return undefined;
  const at = (lineIndex: number): SourceLocation => ({ kind: 'template', file, line: templateLines[Math.min(Math.max(lineIndex, 0), templateLines.length - 1)] });
  let value = parseFastYaml(lines);
  if (value === undefined) {
    const document = parseYamlDocument(lines.join('\n'));
    const error = document.errors[0];
    if (error) {
      const lineIndex = (error.linePos?.[0]?.line ?? first + 1) - 1;
      throw new KccError(`rendered output is not valid YAML: ${error.message.split('\n')[0]}`, {
        location: at(lineIndex),
        hint: `the rendered line was: ${JSON.stringify(lines[lineIndex] ?? '')}`,
      });
    }
    value = document.toJS({ maxAliasCount: 100 });
  }
  if (value === null || value === undefined) return undefined;
  const source = at(first);
  if (!isPlainMap(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new KccError('rendered document is not a Kubernetes object: it needs apiVersion and kind', {
      location: source,
      hint: `the document starts with: ${JSON.stringify(lines[first])}`,
    });
  }
  if (value.metadata === undefined || value.metadata === null) value.metadata = {};
  if (!isPlainMap(value.metadata)) throw new KccError('metadata must be a map', { location: source });
  return { object: value as KubeObject, source, text: lines.join('\n'), templateLines };
}

function hasContent(line: string): boolean {
  for (let index = 0; index < line.length; index++) {
    const char = line.charCodeAt(index);
    if (char === 35 /* # */) return false;
    if (char !== 32 && char !== 9) return true;
  }
  return false;
}
