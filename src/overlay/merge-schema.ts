import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotDir } from '../schema/api-resources.js';
import type { KubeObject } from '../core/kube-object.js';

/**
 * The schema facts strategic merge needs: for each field, its sub-schema; for each list, how it
 * merges (x-kubernetes-patch-strategy / patch-merge-key / list-type / list-map-keys). Built-in
 * kinds come from the pinned OpenAPI v3 snapshot, one group-version file loaded on first use;
 * custom resources from the openAPIV3Schema of CRDs found in the input.
 */
export interface SchemaNode {
  /** True for schemas read from a CRD in the input rather than the built-in snapshot. */
  readonly custom: boolean;
  /** Sub-schema of a map field, or undefined when the schema does not describe it. */
  field(name: string): SchemaNode | undefined;
  /** Sub-schema of list items. */
  items(): SchemaNode | undefined;
  /** How this list merges, when the schema says. */
  listMerge(): ListMerge | undefined;
}

export interface ListMerge {
  /** 'merge' for associative lists (by keys) or sets; 'atomic' for lists replaced whole. */
  strategy: 'merge' | 'atomic';
  keys: string[];
}

export interface RawSchema {
  $ref?: string;
  allOf?: RawSchema[];
  properties?: Record<string, RawSchema>;
  items?: RawSchema;
  additionalProperties?: RawSchema | boolean;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: string;
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

class RawSchemaNode implements SchemaNode {
  // Children are cached: the same few paths are walked for every object of a kind.
  private readonly children = new Map<string, SchemaNode | undefined>();
  private itemsNode?: SchemaNode | null;

  constructor(
    private readonly raw: RawSchema,
    private readonly resolve: (ref: string) => RawSchema | undefined,
    readonly custom = false,
  ) {}

  private deref(schema: RawSchema | undefined): RawSchema | undefined {
    let current = schema;
    for (let depth = 0; current && depth < 10; depth++) {
      if (current.$ref) current = this.resolve(current.$ref);
      else if (current.allOf?.length === 1 && !current.properties) {
        // The v3 snapshot wraps references as allOf: [{$ref}] next to the field's own extensions.
        const inner = this.deref(current.allOf[0]);
        return inner ? { ...inner, ...withoutAllOf(current) } : current;
      } else return current;
    }
    return current;
  }

  field(name: string): SchemaNode | undefined {
    if (this.children.has(name)) return this.children.get(name);
    const node = this.computeField(name);
    this.children.set(name, node);
    return node;
  }

  private computeField(name: string): SchemaNode | undefined {
    const self = this.deref(this.raw);
    const child = self?.properties?.[name] ?? (typeof self?.additionalProperties === 'object' ? self.additionalProperties : undefined);
    const resolved = this.deref(child);
    return resolved ? new RawSchemaNode(resolved, this.resolve, this.custom) : undefined;
  }

  items(): SchemaNode | undefined {
    if (this.itemsNode === undefined) {
      const resolved = this.deref(this.deref(this.raw)?.items);
      this.itemsNode = resolved ? new RawSchemaNode(resolved, this.resolve, this.custom) : null;
    }
    return this.itemsNode ?? undefined;
  }

  listMerge(): ListMerge | undefined {
    const self = this.deref(this.raw);
    if (!self) return undefined;
    const strategy = self['x-kubernetes-patch-strategy'];
    const listType = self['x-kubernetes-list-type'];
    if (strategy?.split(',').includes('merge')) {
      const keys = self['x-kubernetes-list-map-keys'] ?? (self['x-kubernetes-patch-merge-key'] ? [self['x-kubernetes-patch-merge-key']] : []);
      return { strategy: 'merge', keys };
    }
    // Built-in kinds merge only by patch strategy (as kustomize); list-type speaks for CRDs.
    if (!this.custom) return strategy === undefined ? undefined : { strategy: 'atomic', keys: [] };
    if (listType === 'map') return { strategy: 'merge', keys: self['x-kubernetes-list-map-keys'] ?? [] };
    if (listType === 'set') return { strategy: 'merge', keys: [] };
    if (listType === 'atomic' || strategy !== undefined) return { strategy: 'atomic', keys: [] };
    return undefined;
  }
}

function withoutAllOf(schema: RawSchema): RawSchema {
  const { allOf: _allOf, ...rest } = schema;
  return rest;
}

interface LoadedDocument {
  schemas: Record<string, RawSchema>;
  byKind: Map<string, RawSchema>;
}

const documents = new Map<string, LoadedDocument | null>();

/** The snapshot file that serves a group-version: "v1" -> api__v1, "apps/v1" -> apis__apps__v1. */
function documentFile(apiVersion: string): string {
  const dir = join(snapshotDir(), 'v3');
  return apiVersion.includes('/') ? join(dir, `apis__${apiVersion.replace('/', '__')}_openapi.json`) : join(dir, `api__${apiVersion}_openapi.json`);
}

function loadDocument(apiVersion: string): LoadedDocument | null {
  if (documents.has(apiVersion)) return documents.get(apiVersion)!;
  const file = documentFile(apiVersion);
  let loaded: LoadedDocument | null = null;
  if (existsSync(file)) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { components?: { schemas?: Record<string, RawSchema> } };
    const schemas = json.components?.schemas ?? {};
    const byKind = new Map<string, RawSchema>();
    for (const schema of Object.values(schemas)) {
      for (const gvk of schema['x-kubernetes-group-version-kind'] ?? []) {
        const av = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        if (av === apiVersion) byKind.set(gvk.kind, schema);
      }
    }
    loaded = { schemas, byKind };
  }
  documents.set(apiVersion, loaded);
  return loaded;
}

/** Schemas of custom resources, registered from CRDs seen in the build's input. */
export class SchemaRegistry {
  private readonly custom = new Map<string, RawSchema>();

  /** Reads every served version's openAPIV3Schema from a CustomResourceDefinition. */
  registerCrd(crd: KubeObject): void {
    this.roots.clear();
    const spec = crd.spec as { group?: string; names?: { kind?: string }; versions?: { name?: string; schema?: { openAPIV3Schema?: RawSchema } }[]; validation?: { openAPIV3Schema?: RawSchema } } | undefined;
    if (!spec?.group || !spec.names?.kind) return;
    for (const version of spec.versions ?? []) {
      const schema = version.schema?.openAPIV3Schema ?? spec.validation?.openAPIV3Schema;
      if (schema && version.name) this.custom.set(`${spec.group}/${version.name}/${spec.names.kind}`, schema);
    }
  }

  private readonly roots = new Map<string, SchemaNode | undefined>();
  private readonly openApi: { byKind: Map<string, RawSchema>; resolve: (ref: string) => RawSchema | undefined }[] = [];

  /**
   * A kustomization's `openapi: {path}` document (Swagger 2.0 `definitions` or OpenAPI 3
   * `components.schemas`): its kinds merge by its patch strategies, ahead of the built-in snapshot.
   * Returns how many kinds it describes.
   */
  registerOpenApi(document: { definitions?: Record<string, RawSchema>; components?: { schemas?: Record<string, RawSchema> } }): number {
    this.roots.clear();
    const schemas = document.definitions ?? document.components?.schemas ?? {};
    const prefix = document.definitions ? '#/definitions/' : '#/components/schemas/';
    const byKind = new Map<string, RawSchema>();
    for (const schema of Object.values(schemas)) {
      for (const gvk of schema?.['x-kubernetes-group-version-kind'] ?? []) byKind.set(`${gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version}/${gvk.kind}`, schema);
    }
    this.openApi.unshift({ byKind, resolve: (ref) => (ref.startsWith(prefix) ? schemas[ref.slice(prefix.length)] : undefined) });
    return byKind.size;
  }

  forObject(object: Pick<KubeObject, 'apiVersion' | 'kind'>): SchemaNode | undefined {
    const key = `${object.apiVersion}/${object.kind}`;
    if (!this.roots.has(key)) this.roots.set(key, this.rootFor(object));
    return this.roots.get(key);
  }

  private rootFor(object: Pick<KubeObject, 'apiVersion' | 'kind'>): SchemaNode | undefined {
    // An explicit openapi: document speaks first, as it is all kustomize would read.
    for (const { byKind, resolve } of this.openApi) {
      const raw = byKind.get(`${object.apiVersion}/${object.kind}`);
      if (raw) return new RawSchemaNode(raw, resolve);
    }
    const custom = this.custom.get(`${object.apiVersion}/${object.kind}`);
    if (custom) return new RawSchemaNode(custom, () => undefined, true);
    const document = loadDocument(object.apiVersion);
    const raw = document?.byKind.get(object.kind);
    if (!document || !raw) return undefined;
    const prefix = '#/components/schemas/';
    return new RawSchemaNode(raw, (ref) => (ref.startsWith(prefix) ? document.schemas[ref.slice(prefix.length)] : undefined));
  }
}
