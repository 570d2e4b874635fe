import { Construct, type IConstruct } from 'constructs';
import { isClusterScopedKind } from '../core/cluster-scoped.js';
import { captureCreationSite, type CreationSite } from '../core/creation-site.js';
import { KccError } from '../core/errors.js';
import { applyJsonPatch, type JsonPatch } from '../core/json-patch.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { Chart } from './chart.js';
import { ApiObjectMetadataDefinition, type ApiObjectMetadata } from './metadata.js';
import { resolveAndSanitize } from './resolve.js';

const CDK8S_API_OBJECT = Symbol.for('cdk8s.ApiObject');
/** kcc's synthesizer collects constructs carrying this marker (see core/api-object.ts). */
const KCC_API_OBJECT = Symbol.for('kcc.ApiObject');

/** Everything a manifest holds. */
export interface ApiObjectProps {
  readonly metadata?: ApiObjectMetadata;
  readonly apiVersion: string;
  readonly kind: string;
  readonly [key: string]: any;
}

/**
 * One Kubernetes object, as cdk8s defines it: props kept as given (values may be Lazy) and
 * resolved at synth; a generated subclass (`cdk8s import`, cdk8s-plus `imports/k8s`) converts the
 * resolved props in its own `toJson()`. kcc's synthesizer then validates, orders and writes it.
 */
export class ApiObject extends Construct {
  /** True for ApiObjects (attribute detection: works across copies of the module). */
  static isApiObject(o: any): o is ApiObject {
    return o !== null && typeof o === 'object' && CDK8S_API_OBJECT in o;
  }

  /** `instanceof ApiObject` is `isApiObject`, as in cdk8s. */
  static [Symbol.hasInstance](o: unknown): boolean {
    return ApiObject.isApiObject(o);
  }

  /** `c` itself if it is an ApiObject, else its `defaultChild` (followed down). */
  static of(c: IConstruct): ApiObject {
    if (ApiObject.isApiObject(c)) return c;
    const child = c.node.defaultChild;
    if (!child) throw new KccError(`cannot find a (direct or indirect) child of type ApiObject for construct ${c.node.path}`);
    return ApiObject.of(child);
  }

  /** metadata.name: given, or `Chart.of(this).generateObjectName(this)`. */
  readonly name: string;
  readonly apiVersion: string;
  /** The group of apiVersion, `core` for the core group. */
  readonly apiGroup: string;
  readonly kind: string;
  readonly chart: Chart;
  readonly metadata: ApiObjectMetadataDefinition;
  private readonly [CDK8S_API_OBJECT] = true;
  private readonly [KCC_API_OBJECT] = true;
  /** Where the user's program created this object (read through `location`). */
  readonly creationSite: CreationSite;
  private readonly patches: JsonPatch[] = [];
  /** Set while kcc's synthesizer renders the object: patches then come after the subclass's toJson. */
  private deferPatches = false;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: ApiObjectProps,
  ) {
    super(scope, id);
    this.creationSite = captureCreationSite(ApiObject);
    this.creationSite.fallback = this.node.path;
    this.chart = Chart.of(this);
    this.kind = props.kind;
    this.apiVersion = props.apiVersion;
    this.apiGroup = parseApiGroup(this.apiVersion);
    this.name = props.metadata?.name ?? this.chart.generateObjectName(this);
    // As kcc's own objects: the chart's namespace is not stamped on cluster-scoped kinds (cdk8s
    // stamps it; the API server ignores it there).
    const chartNamespace = isClusterScopedKind(this.kind) ? undefined : this.chart.namespace;
    this.metadata = new ApiObjectMetadataDefinition({
      name: this.name,
      ...props.metadata,
      namespace: props.metadata?.namespace ?? chartNamespace,
      labels: { ...this.chart.labels, ...props.metadata?.labels },
      apiObject: this,
    });
  }

  /** Where the program created this object (TypeScript file:line). */
  get location(): SourceLocation {
    return this.creationSite.location;
  }

  /** Installed after the given constructs (objects, charts, or groups of them). */
  addDependency(...dependencies: IConstruct[]): void {
    this.node.addDependency(...dependencies);
  }

  /** RFC 6902 operations applied to the manifest. */
  addJsonPatch(...ops: JsonPatch[]): void {
    this.patches.push(...ops);
  }

  /** The manifest: props and metadata resolved, keys sorted, JSON patches applied. */
  toJson(): any {
    let json: Record<string, unknown>;
    try {
      // While kcc synthesizes, key order is left to kcc's writer.
      const sortKeys = !this.deferPatches;
      const data = { ...this.props, metadata: this.metadata.toJson(sortKeys) };
      json = resolveAndSanitize(data, this, { sortKeys });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KccError(`Failed serializing construct at path '${this.node.path}' with name '${this.name}': ${reason}`, { location: this.location });
    }
    return this.deferPatches ? json : orderTopLevelKeys(this.withPatches(json));
  }

  /**
   * What kcc's synthesizer writes: the (subclass's) `toJson()`, then the JSON patches, so that a
   * patch's fields survive a generated subclass that drops the fields it does not know.
   * @internal
   */
  toManifest(): KubeObject {
    this.deferPatches = true;
    let json: Record<string, unknown>;
    try {
      json = this.toJson();
    } finally {
      this.deferPatches = false;
    }
    return orderTopLevelKeys(this.withPatches(json)) as KubeObject;
  }

  private withPatches(json: Record<string, unknown>): Record<string, unknown> {
    if (this.patches.length === 0) return json;
    try {
      return applyJsonPatch(json, this.patches) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof KccError) throw new KccError(`${this.kind}/${this.name}: ${error.message}`, { location: this.location });
      throw error;
    }
  }
}

/** apiVersion, kind and metadata first, as cdk8s writes them. */
function orderTopLevelKeys(json: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(json)]) if (key in json) result[key] = json[key];
  return result;
}

function parseApiGroup(apiVersion: string): string {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return 'core';
  if (parts.length === 2) return parts[0]!;
  throw new KccError(`invalid apiVersion ${apiVersion}, expecting GROUP/VERSION`, {
    hint: 'see https://kubernetes.io/docs/reference/using-api/api-overview/#api-groups',
  });
}
