import { KccError } from '../core/errors.js';
import { formatLocation } from '../core/kube-object.js';
import { formatResId, sameId, type ResId } from './res-id.js';
import type { Resource } from './resource.js';

/** The ordered list of resources one kustomization accumulates; ids must be unique. */
export class ResourceMap {
  readonly resources: Resource[] = [];

  append(resource: Resource): void {
    const id = resource.currentId();
    const clash = this.resources.find((existing) => sameId(existing.currentId(), id));
    if (clash) {
      throw new KccError(`${formatResId(id)} is defined twice: at ${formatLocation(clash.tracked.source)} and at ${formatLocation(resource.tracked.source)}`, {
        location: resource.tracked.source,
        hint: 'remove one, or patch the first instead of redefining it',
      });
    }
    this.resources.push(resource);
  }

  appendAll(resources: Iterable<Resource>): void {
    for (const resource of resources) this.append(resource);
  }

  /** Resources whose current or any earlier id equals `id`. */
  findByAnyId(id: ResId): Resource[] {
    return this.resources.filter((resource) => resource.matchesAnyId(id));
  }

  replace(old: Resource, replacement: Resource): void {
    const index = this.resources.indexOf(old);
    this.resources[index] = replacement;
  }

  remove(resource: Resource): void {
    const index = this.resources.indexOf(resource);
    if (index !== -1) this.resources.splice(index, 1);
  }
}
