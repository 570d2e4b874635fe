import { parseAllDocuments } from 'yaml';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { dropEmptyValues } from './empty-values.js';
import { applyJsonPatch, checkJsonPatch, isJsonPatch, type JsonPatchOperation } from './json-patch.js';
import type { Selector } from './kustomization-types.js';
import type { SchemaRegistry } from './merge-schema.js';
import { formatResId, resIdOf } from './res-id.js';
import type { ResourceMap } from './resource-map.js';
import type { Resource } from './resource.js';
import { ResourceSelector, describeSelector } from './selector.js';
import { DELETE, strategicMerge } from './strategic-merge.js';

/** A patch after loading: its documents, how it applies, and where it was written. */
export type LoadedPatch =
  | { type: 'strategic'; documents: KubeObject[]; target?: Selector; where: SourceLocation; label: string; options?: PatchOptions }
  | { type: 'json6902'; operations: JsonPatchOperation[]; target?: Selector; where: SourceLocation; label: string };

export interface PatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

/**
 * Decides, as kustomize does, whether patch text is a JSON 6902 patch (a list of operations, in
 * YAML or JSON) or a strategic merge patch (one or more objects).
 */
export function parsePatch(text: string, where: SourceLocation, label: string, target: Selector | undefined, options?: PatchOptions): LoadedPatch {
  const docs = parseAllDocuments(text, { prettyErrors: false });
  const values: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length) throw new KccError(`cannot parse patch ${label}: ${doc.errors[0]!.message.split('\n')[0]}`, { location: where });
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) values.push(value);
  }
  if (values.length === 1 && isJsonPatch(values[0])) {
    checkJsonPatch(values[0], where);
    return { type: 'json6902', operations: values[0], target, where, label };
  }
  if (!values.length) throw new KccError(`patch ${label} is empty`, { location: where });
  for (const value of values) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KccError(`patch ${label} is neither a strategic merge patch (an object) nor a JSON 6902 patch (a list of operations)`, { location: where });
    }
  }
  return { type: 'strategic', documents: values as KubeObject[], target, where, label, options };
}

/** What to do with a patch whose target selects nothing: throw the error (the default), or note it and go on. */
export type NoMatchPolicy = (error: KccError) => void;
const refuse: NoMatchPolicy = (error) => {
  throw error;
};

export function applyPatch(resources: ResourceMap, patch: LoadedPatch, schemas: SchemaRegistry, step: string, noMatch: NoMatchPolicy = refuse): void {
  if (patch.type === 'json6902') {
    if (!patch.target) throw new KccError(`JSON 6902 patch ${patch.label} needs a target`, { location: patch.where, field: 'target' });
    for (const resource of selectTargets(resources, patch.target, patch, noMatch)) {
      const before = resource.currentId();
      let result: unknown;
      try {
        result = applyJsonPatch(resource.object, patch.operations);
      } catch (error) {
        throw new KccError(`JSON patch ${patch.label} failed on ${formatResId(before)}: ${(error as Error).message}`, { location: patch.where });
      }
      const after = resIdOf(result as KubeObject);
      if (after.name !== before.name || after.kind !== before.kind || after.namespace !== before.namespace) resource.rememberId();
      resource.object = result as KubeObject;
      resource.touch(step);
    }
    return;
  }
  for (const document of patch.documents) {
    const targets = patch.target ? selectTargets(resources, patch.target, patch, noMatch) : [findById(resources, document, patch)];
    for (const resource of targets) applyStrategic(resources, resource, document, schemas, patch.options, step);
  }
}

function applyStrategic(resources: ResourceMap, resource: Resource, patch: KubeObject, schemas: SchemaRegistry, options: PatchOptions | undefined, step: string): void {
  const { name, namespace } = resource.object.metadata;
  const kind = resource.object.kind;
  const merged = strategicMerge(resource.object, patch, schemas.forObject(resource.object));
  if (merged === DELETE || merged === null || typeof merged !== 'object' || Object.keys(merged).length === 0) {
    resources.remove(resource);
    return;
  }
  const result = merged as KubeObject;
  // kustomize's merge walks the whole target and drops keys its manifest left without a value.
  dropEmptyValues(result, resource.emptyValues?.() ?? []);
  result.metadata ??= {};
  const nameChanged = options?.allowNameChange && patch.metadata?.name && patch.metadata.name !== name;
  const kindChanged = options?.allowKindChange && patch.kind && patch.kind !== kind;
  if (nameChanged || kindChanged) resource.rememberId();
  if (!options?.allowKindChange) result.kind = kind;
  if (!options?.allowNameChange) result.metadata.name = name;
  // The target keeps its namespace: a patch addresses an object, it does not move it.
  if (namespace === undefined) delete result.metadata.namespace;
  else result.metadata.namespace = namespace;
  resource.object = result;
  resource.touch(step);
}

function findById(resources: ResourceMap, patch: KubeObject, loaded: LoadedPatch): Resource {
  if (!patch.apiVersion || !patch.kind || !patch.metadata?.name) {
    throw new KccError(`strategic merge patch ${loaded.label} must have apiVersion, kind and metadata.name, or a target`, { location: loaded.where });
  }
  const id = resIdOf(patch);
  const matches = resources.findByAnyId(id);
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new KccError(`patch ${loaded.label} matches ${matches.length} objects (${matches.map((m) => formatResId(m.currentId())).join(', ')}); it must match exactly one`, {
      location: loaded.where,
      hint: 'add metadata.namespace to the patch, or use a target',
    });
  }
  throw new KccError(`patch ${loaded.label} targets ${formatResId(id)}, which is not among the resources`, { location: loaded.where, hint: closest(resources, id.kind, id.name) });
}

function selectTargets(resources: ResourceMap, target: Selector, loaded: LoadedPatch, noMatch: NoMatchPolicy): Resource[] {
  const selector = new ResourceSelector(target, loaded.where);
  const selected = resources.resources.filter((resource) => selector.matches(resource));
  if (!selected.length) {
    const message = `patch ${loaded.label} matches nothing (target ${describeSelector(target)})`;
    noMatch(new KccError(message, { location: loaded.where, field: 'target', hint: closest(resources, target.kind, target.name) }));
  }
  return selected;
}

/** "closest existing objects: Deployment/web, Deployment/api" for "matches nothing" messages. */
export function closest(resources: ResourceMap, kind: string | undefined, name: string | undefined): string {
  const scored = resources.resources.map((resource) => {
    const id = resource.currentId();
    const original = resource.originalId();
    let score = 0;
    if (kind && id.kind.toLowerCase() === kind.toLowerCase()) score += 10;
    if (name) score += Math.max(similarity(id.name, name), similarity(original.name, name)) * 10;
    return { id, score };
  });
  scored.sort((a, b) => b.score - a.score);
  const best = scored.slice(0, 3).map((entry) => `${entry.id.kind}/${entry.id.namespace ? `${entry.id.namespace}/` : ''}${entry.id.name}`);
  return best.length ? `closest existing objects: ${best.join(', ')}` : 'there are no resources to patch';
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.includes(b) || b.includes(a)) return 0.8;
  const common = [...new Set(a)].filter((c) => b.includes(c)).length;
  return common / Math.max(a.length, b.length, 1) / 2;
}
