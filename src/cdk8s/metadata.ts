import type { ApiObject } from './api-object.js';
import { resolveAndSanitize } from './resolve.js';

/** Metadata a program passes to an ApiObject (cdk8s's `ApiObjectMetadata`). */
export interface ApiObjectMetadata {
  readonly name?: string;
  readonly annotations?: { [key: string]: string };
  readonly labels?: { [key: string]: string };
  readonly namespace?: string;
  readonly finalizers?: string[];
  readonly ownerReferences?: OwnerReference[];
  readonly [key: string]: any;
}

export interface ApiObjectMetadataDefinitionOptions extends ApiObjectMetadata {
  /** The object whose app's resolvers resolve this metadata. */
  readonly apiObject: ApiObject;
}

export interface OwnerReference {
  readonly apiVersion: string;
  readonly blockOwnerDeletion?: boolean;
  readonly controller?: boolean;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/**
 * An object's metadata, changeable until synth (labels, annotations, finalizers, owners, any
 * other field). Values may be Lazy; empty maps and lists are left out of the manifest.
 */
export class ApiObjectMetadataDefinition {
  readonly name?: string;
  readonly namespace?: string;
  private readonly labels: { [key: string]: string };
  private readonly annotations: { [key: string]: string };
  private readonly finalizers: string[];
  private readonly ownerReferences: OwnerReference[];
  private readonly apiObject: ApiObject;
  private readonly additionalAttributes: { [key: string]: any };

  constructor(options: ApiObjectMetadataDefinitionOptions) {
    const { apiObject, ...attributes } = options;
    this.name = options.name;
    this.namespace = options.namespace;
    this.labels = { ...options.labels };
    this.annotations = { ...options.annotations };
    this.finalizers = options.finalizers ? [...options.finalizers] : [];
    this.ownerReferences = options.ownerReferences ? [...options.ownerReferences] : [];
    this.apiObject = apiObject;
    this.additionalAttributes = attributes;
  }

  addLabel(key: string, value: string): void {
    this.labels[key] = value;
  }

  getLabel(key: string): string | undefined {
    return this.labels[key];
  }

  addAnnotation(key: string, value: string): void {
    this.annotations[key] = value;
  }

  addFinalizers(...finalizers: string[]): void {
    this.finalizers.push(...finalizers);
  }

  addOwnerReference(owner: OwnerReference): void {
    this.ownerReferences.push(owner);
  }

  /** Sets any other metadata field. */
  add(key: string, value: any): void {
    this.additionalAttributes[key] = value;
  }

  /** The resolved `metadata`: empty maps, lists and unset fields left out. */
  toJson(sortKeys = true): any {
    const metadata = {
      ...this.additionalAttributes,
      name: this.name,
      namespace: this.namespace,
      annotations: this.annotations,
      finalizers: this.finalizers,
      ownerReferences: this.ownerReferences,
      labels: this.labels,
    };
    return resolveAndSanitize(metadata, this.apiObject, { filterEmptyArrays: true, filterEmptyObjects: true, sortKeys });
  }
}
