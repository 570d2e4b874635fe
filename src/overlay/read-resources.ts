import { LineCounter, parseAllDocuments } from 'yaml';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { emptyValuePaths } from './empty-values.js';
import { readFastYaml } from './fast-yaml.js';
import { Resource } from './resource.js';
import { GO_YAML_INT_TAG } from './yaml-ints.js';

/**
 * Parses a multi-document YAML file into resources, each remembering the line its document
 * starts on. `kind: List` documents are expanded into their items, as kustomize does.
 */
export function readResources(text: string, file: string): Resource[] {
  let empties: Map<number, string[][]> | undefined;
  const emptyValuesAt = (line: number) => (): string[][] => (empties ??= emptyValuePaths(text)).get(line) ?? [];
  const fast = readFastYaml(text);
  if (fast) {
    const result: Resource[] = [];
    for (const { value, line } of fast) {
      if (value === null || value === undefined) continue;
      const location: SourceLocation = { kind: 'yaml', file, line };
      result.push(...resourcesOf(value, location, emptyValuesAt(line)));
    }
    return result;
  }
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, version: '1.2', prettyErrors: false, customTags: (tags) => [GO_YAML_INT_TAG, ...tags] });
  const result: Resource[] = [];
  for (const doc of docs) {
    const start = doc.contents?.range?.[0];
    const location: SourceLocation = { kind: 'yaml', file, ...(start === undefined ? {} : { line: lineCounter.linePos(start).line }) };
    if (doc.errors.length) {
      const first = doc.errors[0]!;
      throw new KccError(`malformed YAML: ${first.message.split('\n')[0]}`, { location: { kind: 'yaml', file, line: lineCounter.linePos(first.pos[0]).line } });
    }
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (value === null || value === undefined) continue;
    result.push(...resourcesOf(value, location, location.line === undefined ? undefined : emptyValuesAt(location.line)));
  }
  return result;
}

/** The document's resources; only a document that is one object can say where its empty values are. */
function resourcesOf(value: unknown, location: SourceLocation, emptyValues: (() => string[][]) | undefined): Resource[] {
  const objects = expandLists(value, location);
  const resources = objects.map((object) => Resource.of(object, location));
  if (resources.length === 1 && objects[0] === value && emptyValues) resources[0]!.emptyValues = emptyValues;
  return resources;
}

function expandLists(value: unknown, location: SourceLocation): KubeObject[] {
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw new KccError('a resource document must be a mapping with apiVersion, kind and metadata', { location });
  }
  const object = value as KubeObject;
  if (typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray((object as { items?: unknown }).items)) {
    return ((object as unknown as { items: unknown[] }).items).flatMap((item) => expandLists(item, location));
  }
  checkObject(object, location);
  return [object];
}

export function checkObject(object: KubeObject, location: SourceLocation): void {
  if (typeof object.apiVersion !== 'string' || !object.apiVersion) throw new KccError('resource has no apiVersion', { location, field: 'apiVersion' });
  if (typeof object.kind !== 'string' || !object.kind) throw new KccError('resource has no kind', { location, field: 'kind' });
  if (typeof object.metadata !== 'object' || object.metadata === null || typeof object.metadata.name !== 'string' || !object.metadata.name) {
    throw new KccError(`${object.kind} has no metadata.name`, { location, field: 'metadata.name' });
  }
}
