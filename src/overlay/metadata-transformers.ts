import { fieldPathParts, fieldSpecSelects, visitFieldPath } from './field-path.js';
import { COMMON_ANNOTATIONS, COMMON_LABELS, NAME_AFFIX_SKIP, NAMESPACE_REFERENCES, TEMPLATE_LABELS } from './field-specs.js';
import type { FieldSpec, LabelsEntry } from './kustomization-types.js';
import { isClusterScoped } from './res-id.js';
import type { Resource } from './resource.js';

/**
 * The transformers that rewrite names, namespaces, labels and annotations. Each takes the
 * resources and a step name (recorded in touchedBy) and edits the objects in place.
 */

/** `namespace`: namespaced objects move; Namespace objects are renamed to it; RBAC subjects named "default" follow. */
export function setNamespace(resources: Resource[], namespace: string, step: string, references: FieldSpec[] = NAMESPACE_REFERENCES): void {
  for (const resource of resources) {
    const object = resource.object;
    const id = resource.currentId();
    if (isClusterScoped(id)) {
      if (id.kind === 'Namespace' && id.group === '' && object.metadata.name !== namespace) {
        resource.rememberId();
        object.metadata.name = namespace;
        resource.touch(step);
      }
    } else if (object.metadata.namespace !== namespace) {
      resource.rememberId();
      object.metadata.namespace = namespace;
      resource.touch(step);
    }
    if ((id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') && Array.isArray(object.subjects)) {
      for (const subject of object.subjects as Record<string, unknown>[]) {
        if (subject && subject.name === 'default') subject.namespace = namespace;
      }
    }
    for (const spec of references) {
      if (!fieldSpecSelects(spec, id)) continue;
      visitFieldPath(object, fieldPathParts(spec.path), spec.create ?? false, (parent, key) => {
        if (key in parent || spec.create) parent[key] = namespace;
      });
    }
  }
}

/** `namePrefix` / `nameSuffix`, except for kinds whose names are global identifiers. */
export function addNameAffixes(resources: Resource[], prefix: string, suffix: string, step: string): void {
  for (const resource of resources) {
    const id = resource.currentId();
    if (NAME_AFFIX_SKIP.some((skip) => skip.kind === id.kind && (skip.group === undefined || skip.group === id.group))) continue;
    resource.rememberId();
    resource.object.metadata.name = `${prefix}${id.name}${suffix}`;
    resource.touch(step);
  }
}

/** Writes every pair into the maps the field specs name, creating them where allowed. */
export function setMapEntries(resources: Resource[], pairs: Record<string, unknown>, specs: FieldSpec[], step: string): void {
  const entries = Object.entries(pairs).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)] as const);
  if (!entries.length) return;
  for (const resource of resources) {
    const id = resource.currentId();
    let touched = false;
    for (const spec of specs) {
      if (!fieldSpecSelects(spec, id)) continue;
      visitFieldPath(resource.object, fieldPathParts(spec.path), spec.create ?? false, (parent, key) => {
        let map = parent[key];
        if (map === undefined || map === null) {
          if (!spec.create) return;
          map = {};
          parent[key] = map;
        }
        if (typeof map !== 'object' || Array.isArray(map)) return;
        for (const [k, v] of entries) (map as Record<string, string>)[k] = v;
        touched = true;
      });
    }
    if (touched) resource.touch(step);
  }
}

/** `commonLabels`: metadata, templates and selectors. */
export function addCommonLabels(resources: Resource[], labels: Record<string, string>, step: string, specs: FieldSpec[] = COMMON_LABELS): void {
  setMapEntries(resources, labels, specs, step);
}

/** One `labels` entry: metadata only, plus templates or selectors when asked. */
export function addLabels(resources: Resource[], entry: LabelsEntry, step: string, common = COMMON_LABELS, templates = TEMPLATE_LABELS): void {
  let specs: FieldSpec[];
  if (entry.includeSelectors) specs = [...common, ...(entry.fields ?? [])];
  else {
    specs = [{ path: 'metadata/labels', create: true }, ...(entry.fields ?? [])];
    if (entry.includeTemplates) specs.push(...templates);
  }
  setMapEntries(resources, entry.pairs ?? {}, specs, step);
}

export function addCommonAnnotations(resources: Resource[], annotations: Record<string, string>, step: string, specs: FieldSpec[] = COMMON_ANNOTATIONS): void {
  setMapEntries(resources, annotations, specs, step);
}

