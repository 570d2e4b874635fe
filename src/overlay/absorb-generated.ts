import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { formatResId } from './res-id.js';
import type { ResourceMap } from './resource-map.js';
import type { Resource } from './resource.js';

/** Adds a generated object, or merges it into / replaces the base's object of the same name. */
export function absorbGenerated(map: ResourceMap, generated: Resource, where: SourceLocation): void {
  const behavior = generated.generated!.behavior;
  const matches = map.findByAnyId(generated.currentId());
  if (matches.length === 0) {
    if (behavior !== 'create') {
      throw new KccError(`behavior ${behavior} needs an existing ${formatResId(generated.currentId())} from a base, and there is none`, { location: where, hint: 'use behavior: create (the default), or check the name' });
    }
    map.append(generated);
    return;
  }
  if (matches.length > 1) throw new KccError(`${formatResId(generated.currentId())} matches several objects to ${behavior}`, { location: where });
  const old = matches[0]!;
  if (behavior === 'create') {
    throw new KccError(`${formatResId(generated.currentId())} already exists (${old.tracked.source.file}); set behavior: merge or replace`, { location: where });
  }
  const object = generated.object;
  const base = old.object;
  object.metadata.labels = { ...base.metadata.labels, ...object.metadata.labels };
  object.metadata.annotations = { ...base.metadata.annotations, ...object.metadata.annotations };
  if (!Object.keys(object.metadata.labels).length) delete object.metadata.labels;
  if (!Object.keys(object.metadata.annotations).length) delete object.metadata.annotations;
  object.metadata.name = base.metadata.name;
  if (base.metadata.namespace === undefined) delete object.metadata.namespace;
  else object.metadata.namespace = base.metadata.namespace;
  if (behavior === 'merge') {
    for (const field of ['data', 'binaryData'] as const) {
      const merged = { ...(base[field] as object | undefined), ...(object[field] as object | undefined) };
      if (Object.keys(merged).length) object[field] = merged;
    }
  }
  // kustomize keeps the hash marker only when both sides carry it (its merge of build annotations).
  generated.generated!.hashSuffix &&= old.generated?.hashSuffix ?? false;
  generated.previousIds.push(...old.previousIds);
  generated.tracked.touchedBy.unshift(...old.tracked.touchedBy);
  map.replace(old, generated);
}
