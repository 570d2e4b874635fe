import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Construct } from 'constructs';
import type { AsyncObjectSource } from './async-object-source.js';
import { captureCreationSite, displayPath } from './creation-site.js';
import { KccError } from './errors.js';
import type { KubeObject, SourceLocation, TrackedObject } from './kube-object.js';

export interface IncludeProps {
  /**
   * A YAML or JSON manifest file (one or more documents; `kind: List` is expanded), or an
   * http(s) URL. A relative path is relative to the directory of the TypeScript file that
   * creates the Include (so a program works from any working directory).
   */
  readonly url: string;
}

/**
 * Existing manifests as part of a chart. Nothing is read in the constructor: the file is read
 * and parsed when the app is synthesized. Each object keeps its YAML file:line as its source.
 */
export class Include extends Construct implements AsyncObjectSource {
  readonly url: string;
  /** Where the program created this Include. */
  readonly location?: SourceLocation;

  constructor(scope: Construct, id: string, props: IncludeProps) {
    super(scope, id);
    this.location = captureCreationSite()?.location;
    this.url = props.url;
  }

  async resolveObjects(): Promise<TrackedObject[]> {
    const { text, file } = await this.read();
    // The YAML parser is loaded only by apps that include files (it is a good share of startup).
    const yaml = await import('yaml');
    return parseManifests(text, file, yaml);
  }

  private async read(): Promise<{ text: string; file: string }> {
    if (/^https?:\/\//.test(this.url)) {
      const response = await fetch(this.url).catch((error: Error) => {
        throw new KccError(`cannot fetch ${this.url}: ${error.message}`, { location: this.location });
      });
      if (!response.ok) throw new KccError(`cannot fetch ${this.url}: HTTP ${response.status}`, { location: this.location });
      return { text: await response.text(), file: this.url };
    }
    const base = this.location && this.location.kind === 'typescript' ? dirname(resolve(this.location.file)) : process.cwd();
    const path = isAbsolute(this.url) ? this.url : resolve(base, this.url);
    try {
      return { text: await readFile(path, 'utf8'), file: displayPath(path) };
    } catch (error) {
      throw new KccError(`cannot read ${displayPath(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { location: this.location });
    }
  }
}

/**
 * Every object in a YAML stream, with its file:line. Syntax errors (tabs, a missing space after
 * a colon that breaks the structure...) are reported with line and column; documents that are
 * not Kubernetes objects are errors too, never skipped silently.
 */
export function parseManifests(text: string, file: string, yaml: typeof import('yaml')): TrackedObject[] {
  const lineCounter = new yaml.LineCounter();
  const documents = yaml.parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [documents];
  const objects: TrackedObject[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error) {
      const position = lineCounter.linePos(error.pos[0]);
      throw new KccError(`malformed YAML: ${error.message.split('\n')[0]}`, { location: { kind: 'yaml', file, line: position.line, column: position.col } });
    }
    const value = document.toJS() as unknown;
    if (value === null || value === undefined) continue;
    const start = document.contents?.range?.[0] ?? 0;
    const position = lineCounter.linePos(start);
    const source: SourceLocation = { kind: 'yaml', file, line: position.line };
    if (typeof value !== 'object' || Array.isArray(value)) throw new KccError('a manifest document must be a mapping (an object)', { location: source });
    const object = value as KubeObject;
    if (object.kind === 'List' && Array.isArray(object.items)) {
      for (const item of object.items as KubeObject[]) objects.push({ object: checkObject(item, source), source, touchedBy: [] });
    } else objects.push({ object: checkObject(object, source), source, touchedBy: [] });
  }
  return objects;
}

function checkObject(object: KubeObject, source: SourceLocation): KubeObject {
  for (const field of ['apiVersion', 'kind'] as const) {
    if (typeof object[field] !== 'string' || !object[field]) throw new KccError(`the object has no ${field}`, { location: source, field });
  }
  return { ...object, metadata: { ...(object.metadata ?? {}) } };
}
