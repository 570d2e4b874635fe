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
  private readonly labels: Record<string, string>;
  private readonly annotations: Record<string, string>;
  private readonly finalizers: string[];
  private readonly ownerReferences: OwnerReference[];
  private readonly fields: Record<string, unknown>;

  constructor(metadata: ObjectMeta = {}) {
    const { name, namespace, labels, annotations, finalizers, ownerReferences, ...fields } = metadata;
    this.name = name;
    this.namespace = namespace;
    this.labels = { ...labels };
    this.annotations = { ...annotations };
    this.finalizers = [...((finalizers as string[] | undefined) ?? [])];
    this.ownerReferences = [...((ownerReferences as OwnerReference[] | undefined) ?? [])];
    this.fields = fields;
  }

  addLabel(key: string, value: string): this {
    this.labels[key] = value;
    return this;
  }

  getLabel(key: string): string | undefined {
    return this.labels[key];
  }

  /** A copy of all labels. */
  getLabels(): Record<string, string> {
    return { ...this.labels };
  }

  addAnnotation(key: string, value: string): this {
    this.annotations[key] = value;
    return this;
  }

  getAnnotation(key: string): string | undefined {
    return this.annotations[key];
  }

  addFinalizers(...finalizers: string[]): this {
    this.finalizers.push(...finalizers);
    return this;
  }

  addOwnerReference(owner: OwnerReference): this {
    this.ownerReferences.push(owner);
    return this;
  }

  /** Sets any other metadata field (e.g. `generateName`). */
  add(key: string, value: unknown): this {
    this.fields[key] = value;
    return this;
  }

  toJson(): ObjectMeta {
    const out = toPlainJson(this.fields) as ObjectMeta;
    if (this.name !== undefined) out.name = this.name;
    if (this.namespace !== undefined) out.namespace = this.namespace;
    if (Object.keys(this.labels).length) out.labels = { ...this.labels };
    if (Object.keys(this.annotations).length) out.annotations = { ...this.annotations };
    if (this.finalizers.length) out.finalizers = [...this.finalizers];
    if (this.ownerReferences.length) out.ownerReferences = toPlainJson(this.ownerReferences);
    return out;
  }
}
