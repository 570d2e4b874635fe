import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { fieldPathParts, fieldSpecSelects, visitFieldPath } from './field-path.js';
import { REPLICAS } from './field-specs.js';
import type { Resource } from './resource.js';

/** `replicas`: set the count of every workload with that (current or original) name. */
export function setReplicas(resources: Resource[], entries: { name?: string; count?: number }[], where: SourceLocation, step: string): void {
  for (const entry of entries) {
    let found = false;
    for (const resource of resources) {
      if (!resource.allIds().some((id) => id.name === entry.name)) continue;
      const id = resource.currentId();
      for (const spec of REPLICAS) {
        if (!fieldSpecSelects(spec, id)) continue;
        found = true;
        visitFieldPath(resource.object, fieldPathParts(spec.path), true, (parent, key) => {
          parent[key] = entry.count ?? 0;
        });
        resource.touch(step);
      }
    }
    if (!found) {
      throw new KccError(`replicas: no Deployment, ReplicaSet, ReplicationController or StatefulSet named '${entry.name}'`, { location: where, field: 'replicas' });
    }
  }
}
