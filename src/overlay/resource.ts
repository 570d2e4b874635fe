import type { KubeObject, SourceLocation, TrackedObject } from '../core/kube-object.js';
import { resIdOf, sameId, type ResId } from './res-id.js';

/** Bumped whenever any resource's id changes, so indexes by id know they are stale. */
export let idGeneration = 0;

/** How a generated ConfigMap or Secret combines with one of the same name from a base. */
export type GeneratorBehavior = 'create' | 'merge' | 'replace';

/**
 * One object inside an overlay build. Besides the tracked object it remembers its earlier ids
 * (oldest first) and, for generated objects, whether a content hash goes on its name.
 */
export class Resource {
  readonly tracked: TrackedObject;
  readonly previousIds: ResId[] = [];
  /** Set for objects from configMapGenerator/secretGenerator. */
  generated?: { behavior: GeneratorBehavior; hashSuffix: boolean };
  /** Key paths its manifest wrote with no value (see empty-values.ts), read when a patch needs them. */
  emptyValues?: () => string[][];

  constructor(tracked: TrackedObject) {
    this.tracked = tracked;
  }

  static of(object: KubeObject, source: SourceLocation): Resource {
    return new Resource({ object, source, touchedBy: [] });
  }

  get object(): KubeObject {
    return this.tracked.object;
  }
  set object(value: KubeObject) {
    this.tracked.object = value;
  }

  currentId(): ResId {
    return resIdOf(this.object);
  }

  /** The id the object had when it entered the build. */
  originalId(): ResId {
    return this.previousIds[0] ?? this.currentId();
  }

  /** Current id first, then every earlier one. */
  allIds(): ResId[] {
    return [this.currentId(), ...this.previousIds];
  }

  matchesAnyId(id: ResId): boolean {
    return this.allIds().some((candidate) => sameId(candidate, id));
  }

  /** Called before a step changes name, namespace or kind, so the old id stays findable. */
  rememberId(): void {
    idGeneration++;
    const current = this.currentId();
    const last = this.previousIds.length ? this.previousIds[this.previousIds.length - 1] : undefined;
    if (last && sameId(last, current) && last.name === current.name && last.namespace === current.namespace) return;
    this.previousIds.push(current);
  }

  touch(step: string): void {
    const list = this.tracked.touchedBy;
    if (list[list.length - 1] !== step) list.push(step);
  }
}
