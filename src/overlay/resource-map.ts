import { KccError } from '../core/errors.js';
import { formatLocation } from '../core/kube-object.js';
import { formatResId, idKey, type ResId } from './res-id.js';
import { idGeneration, type Resource } from './resource.js';

/** The ordered list of resources one kustomization accumulates; ids must be unique. */
export class ResourceMap {
  readonly resources: Resource[] = [];
  private index = new Map<string, Resource>();
  private indexedGeneration = -1;
  private indexedCount = 0;

  /** Current ids -> resources, rebuilt only when some id changed or resources were removed. */
  private currentIndex(): Map<string, Resource> {
    if (this.indexedGeneration !== idGeneration || this.indexedCount > this.resources.length) {
      this.index = new Map(this.resources.map((resource) => [idKey(resource.currentId()), resource]));
      this.indexedGeneration = idGeneration;
    }
    return this.index;
  }

  append(resource: Resource): void {
    const id = resource.currentId();
    const index = this.currentIndex();
    const key = idKey(id);
    const clash = index.get(key);
    if (clash && this.resources.includes(clash)) {
      throw new KccError(`${formatResId(id)} is defined twice: at ${formatLocation(clash.tracked.source)} and at ${formatLocation(resource.tracked.source)}`, {
        location: resource.tracked.source,
        hint: 'remove one, or patch the first instead of redefining it',
      });
    }
    this.resources.push(resource);
    index.set(key, resource);
    this.indexedCount = this.resources.length;
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
    this.indexedGeneration = -1;
  }

  remove(resource: Resource): void {
    const index = this.resources.indexOf(resource);
    if (index !== -1) this.resources.splice(index, 1);
    this.indexedGeneration = -1;
  }
}
