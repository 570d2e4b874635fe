import type { ObjectMeta } from './kube-object.js';
import { toPlainJson } from './plain-json.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/**
 * An object's metadata, changeable after construction (labels and annotations added by helpers
 * or by the user) and turned into plain `metadata` at synth.
 */
export class ApiObjectMetadata {
  readonly name?: string;
  readonly namespace?: string;
  // Labels and annotations are often one object shared by many objects (and by selectors):
  // keep the caller's object and copy it only when this object changes it (copy on write).
  private labels: Record<string, string> | undefined;
  private ownLabels = false;
  private annotations: Record<string, string> | undefined;
  private ownAnnotations = false;
  private finalizers?: string[];
  private ownerReferences?: OwnerReference[];
  private fields?: Record<string, unknown>;

  constructor(metadata: ObjectMeta = {}) {
    for (const key in metadata) {
      const value = metadata[key];
      if (value === undefined) continue;
      switch (key) {
        case 'name':
          this.name = value as string;
          break;
        case 'namespace':
          this.namespace = value as string;
          break;
        case 'labels':
          this.labels = value as Record<string, string>;
          break;
        case 'annotations':
          this.annotations = value as Record<string, string>;
          break;
        case 'finalizers':
          this.finalizers = [...(value as string[])];
          break;
        case 'ownerReferences':
          this.ownerReferences = [...(value as OwnerReference[])];
          break;
        default:
          (this.fields ??= {})[key] = value;
      }
    }
  }

  addLabel(key: string, value: string): this {
    if (!this.ownLabels) {
      this.labels = { ...this.labels };
      this.ownLabels = true;
    }
    this.labels![key] = value;
    return this;
  }

  getLabel(key: string): string | undefined {
    return this.labels?.[key];
  }

  /** A copy of all labels. */
  getLabels(): Record<string, string> {
    return { ...this.labels };
  }

  addAnnotation(key: string, value: string): this {
    if (!this.ownAnnotations) {
      this.annotations = { ...this.annotations };
      this.ownAnnotations = true;
    }
    this.annotations![key] = value;
    return this;
  }

  getAnnotation(key: string): string | undefined {
    return this.annotations?.[key];
  }

  addFinalizers(...finalizers: string[]): this {
    (this.finalizers ??= []).push(...finalizers);
    return this;
  }

  addOwnerReference(owner: OwnerReference): this {
    (this.ownerReferences ??= []).push(owner);
    return this;
  }

  /** Sets any other metadata field (e.g. `generateName`). */
  add(key: string, value: unknown): this {
    (this.fields ??= {})[key] = value;
    return this;
  }

  toJson(): ObjectMeta {
    const out = (this.fields ? toPlainJson(this.fields) : {}) as ObjectMeta;
    if (this.name !== undefined) out.name = this.name;
    if (this.namespace !== undefined) out.namespace = this.namespace;
    if (hasKeys(this.labels)) out.labels = { ...this.labels };
    if (hasKeys(this.annotations)) out.annotations = { ...this.annotations };
    if (this.finalizers?.length) out.finalizers = [...this.finalizers];
    if (this.ownerReferences?.length) out.ownerReferences = toPlainJson(this.ownerReferences);
    return out;
  }
}

function hasKeys(record: Record<string, string> | undefined): record is Record<string, string> {
  if (!record) return false;
  for (const _ in record) return true;
  return false;
}
