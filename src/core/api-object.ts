import { Construct, type IConstruct } from 'constructs';
import { ApiObjectMetadata } from './api-object-metadata.js';
import { findChartContext, type ChartContext, type NamedObject } from './chart-context.js';
import { isClusterScopedKind } from './cluster-scoped.js';
import { captureCreationSite, type CreationSite } from './creation-site.js';
import { KccError } from './errors.js';
import { applyJsonPatch, type JsonPatch, type JsonPatchOperation } from './json-patch.js';
import type { KubeObject, ObjectMeta, SourceLocation } from './kube-object.js';
import { MAX_CRONJOB_NAME_LENGTH, nameFromPath } from './names.js';
import { toPlainJson } from './plain-json.js';

const API_OBJECT_MARKER = Symbol.for('kcc.ApiObject');

function hasKeys(record: object): boolean {
  for (const _ in record) return true;
  return false;
}

/** The name cdk8s gives an object without metadata.name (CronJob names are kept shorter). */
export function defaultObjectName(object: NamedObject, chart: ChartContext): string {
  return nameFromPath(
    object.node.scopes.map((c) => c.node.id),
    { includeHash: !chart.disableResourceNameHashes, maxLength: object.kind === 'CronJob' ? MAX_CRONJOB_NAME_LENGTH : undefined },
  );
}

/** Everything a manifest holds: apiVersion, kind, metadata, and the kind's own fields (spec, data...). */
export interface ApiObjectProps {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ApiObjectMetadataProps;
  readonly [field: string]: unknown;
}

/**
 * The metadata a program sets. Deliberately without an index signature, so the generated
 * `ObjectMeta` interface of `kcc/k8s` (and any other) is assignable to it; every other metadata
 * field is still passed through.
 */
export interface ApiObjectMetadataProps {
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  readonly labels?: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/**
 * One Kubernetes object in the construct tree. The generated classes in `kcc/k8s` extend it with
 * typed props; it can also be used directly with plain props for any kind, including custom
 * resources.
 *
 * The object's name is `metadata.name` when given, otherwise derived from the construct path as
 * cdk8s derives it (see `nameFromPath`). It must be created inside a `Chart`, whose namespace and labels it takes.
 */
export class ApiObject extends Construct {
  /** True for ApiObjects, also across two copies of the kcc package. */
  static isApiObject(value: unknown): value is ApiObject {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[API_OBJECT_MARKER] === true;
  }

  /** The ApiObject itself, or the `defaultChild` of a higher-level construct that wraps one. */
  static of(construct: IConstruct): ApiObject {
    if (ApiObject.isApiObject(construct)) return construct;
    const child = construct.node.defaultChild;
    if (ApiObject.isApiObject(child)) return child;
    throw new KccError(`${construct.node.path} is not an ApiObject and has no ApiObject as its defaultChild`);
  }

  readonly [API_OBJECT_MARKER] = true as const;
  readonly apiVersion: string;
  readonly kind: string;
  /** metadata.name: explicit, or derived from the construct path. */
  readonly name: string;
  readonly metadata: ApiObjectMetadata;
  /** The chart this object belongs to (the nearest one above it). */
  readonly chart: ChartContext;
  /** Where the user's program created this object; read through `location`. */
  readonly creationSite: CreationSite;
  private readonly fields: Record<string, unknown>;
  private readonly patches: (JsonPatch | JsonPatchOperation)[] = [];

  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id);
    // The stack starts below kcc's constructors: below the generated kind class when the program
    // instantiates one (it owns its GVK), else below ApiObject, so that a user's own subclass
    // (`class Web extends k8s.Deployment`) is found at its `super(...)` call, where the props are.
    this.creationSite = captureCreationSite(Object.hasOwn(new.target, 'GVK') ? new.target : ApiObject);
    this.creationSite.fallback = this.node.path;
    const { apiVersion, kind, metadata, ...fields } = props;
    const chart = findChartContext(this);
    if (!chart) {
      throw new KccError(`${kind} "${this.node.path}" is not inside a Chart`, {
        location: this.creationSite.location,
        hint: "create a Chart (new Chart(app, 'name')) and pass it, or a construct inside it, as the scope",
      });
    }
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.chart = chart;
    this.fields = fields;
    this.name = metadata?.name ?? chart.generateObjectName?.(this) ?? defaultObjectName(this, chart);
    const namespace = metadata?.namespace ?? (isClusterScopedKind(kind) ? undefined : chart.namespace);
    const labels = hasKeys(chart.labels) ? { ...chart.labels, ...metadata?.labels } : metadata?.labels;
    this.metadata = new ApiObjectMetadata({ ...(metadata as ObjectMeta | undefined), name: this.name, namespace, labels });
  }

  /** Where the user's program created this object (TypeScript file:line, source-mapped). */
  get location(): SourceLocation {
    return this.creationSite.location;
  }

  /** RFC 6902 operations applied to this object's JSON at synth, after everything else. */
  addJsonPatch(...operations: (JsonPatch | JsonPatchOperation)[]): void {
    this.patches.push(...operations);
  }

  /**
   * This object is installed after the given constructs (objects, charts, or any construct whose
   * objects then all come first). Charts containing them are ordered accordingly.
   */
  addDependency(...dependencies: IConstruct[]): void {
    this.node.addDependency(...dependencies);
  }

  /** The manifest: a fresh plain-JSON copy, with JSON patches applied. */
  toJson(): KubeObject {
    const json = toPlainJson(this.fields) as Record<string, unknown>;
    const object = { apiVersion: this.apiVersion, kind: this.kind, metadata: this.metadata.toJson(), ...json } as KubeObject;
    if (this.patches.length === 0) return object;
    try {
      return applyJsonPatch(object, this.patches) as KubeObject;
    } catch (error) {
      if (error instanceof KccError) throw new KccError(`${this.kind}/${this.name}: ${error.message}`, { location: this.location });
      throw error;
    }
  }
}
