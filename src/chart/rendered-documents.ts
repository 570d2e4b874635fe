import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { parseFastYaml } from './fast-yaml.js';
import type { TrackedText } from './line-markers.js';
import { isPlainMap } from './values.js';
import { parseYamlDocument } from './yaml-parse.js';

/** One object a template produced, with its rendered text and the template line it starts at. */
export interface RenderedDocument {
  object: KubeObject;
  text: string;
  source: SourceLocation;
  /** Template line of every line of `text`, to place errors found later (schema validation). */
  lines: number[];
}

const SEPARATOR = /^---(?:[ \t].*)?$/;

/**
 * Splits a rendered template into YAML documents and parses each. A document that is not YAML, or
 * not a Kubernetes object, is an error at the template line that wrote the offending line.
 */
export function parseRenderedDocuments(rendered: TrackedText, file: string): RenderedDocument[] {
  const allLines = rendered.text.split('\n');
  const documents: RenderedDocument[] = [];
  let start = 0;
  for (let index = 0; index <= allLines.length; index++) {
    if (index < allLines.length && !SEPARATOR.test(allLines[index]!)) continue;
    if (index > start) {
      const document = parseOne(allLines.slice(start, index), rendered.lines.slice(start, index), file);
      if (document) documents.push(document);
    }
    start = index + 1;
  }
  return documents;
}

function parseOne(lines: string[], templateLines: number[], file: string): RenderedDocument | undefined {
  const first = lines.findIndex((line) => /^[ \t]*[^ \t#]/.test(line));
  if (first === -1) return undefined;
  const text = lines.join('\n');
  const at = (lineIndex: number): SourceLocation => ({ kind: 'template', file, line: templateLines[Math.min(Math.max(lineIndex, 0), templateLines.length - 1)] });
  let value = parseFastYaml(text);
  if (value === undefined) {
    const document = parseYamlDocument(text);
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
  return { object: value as KubeObject, text, source, lines: templateLines };
}
