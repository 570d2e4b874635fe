import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** An OpenAPI v3 schema object as the Kubernetes API server publishes it. */
export type OpenApiSchema = Record<string, unknown>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** A Go API package (io.k8s.api.apps.v1) and the group/version it serves. */
export interface ApiPackage {
  /** Definition-name prefix, e.g. "io.k8s.api.apps.v1". */
  prefix: string;
  group: string;
  version: string;
  /** File stem shared by the generated TypeScript module and schema names: "apps-v1", "core-v1". */
  stem: string;
}

export interface OpenApiDefinitions {
  /** Every definition of the snapshot, keyed by its full name, sorted. */
  schemas: Map<string, OpenApiSchema>;
  packages: Map<string, ApiPackage>;
}

const GVK = 'x-kubernetes-group-version-kind';
const REF_PREFIX = '#/components/schemas/';

export function refTarget(ref: string): string {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
}

/** "io.k8s.api.apps.v1.Deployment" -> "io.k8s.api.apps.v1" */
export function packageOf(definition: string): string {
  return definition.slice(0, definition.lastIndexOf('.'));
}

export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1);
}

/** "apps" -> "apps", "" -> "core", "networking.k8s.io" -> "networking": the group's first label. */
export function groupStem(group: string): string {
  return group === '' ? 'core' : group.split('.')[0]!;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/**
 * Reads every v3 document of the snapshot and merges their component schemas. The same definition
 * appears in many documents (core types in every group); the copies must agree.
 */
export function readOpenApiDefinitions(snapshotDir: string): OpenApiDefinitions {
  const v3 = join(snapshotDir, 'v3');
  const merged = new Map<string, OpenApiSchema>();
  const texts = new Map<string, string>();
  for (const file of readdirSync(v3).filter((f) => f.endsWith('.json')).sort()) {
    const document = JSON.parse(readFileSync(join(v3, file), 'utf8')) as { components?: { schemas?: Record<string, OpenApiSchema> } };
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      const { [GVK]: gvks, ...shape } = schema;
      const text = JSON.stringify(shape);
      const seen = texts.get(name);
      if (seen !== undefined && seen !== text) throw new Error(`definition ${name} differs between OpenAPI documents (${file})`);
      texts.set(name, text);
      // Shared option types (DeleteOptions...) list only the document's own group versions.
      const known = gvksOf(merged.get(name) ?? {});
      const all = [...known, ...((gvks as GroupVersionKind[] | undefined) ?? [])];
      const unique = [...new Map(all.map((g) => [`${g.group}/${g.version}/${g.kind}`, g])).entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, g]) => g);
      merged.set(name, unique.length ? { ...shape, [GVK]: unique } : shape);
    }
  }
  const schemas = new Map([...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { schemas, packages: derivePackages(schemas) };
}

export function gvksOf(schema: OpenApiSchema): GroupVersionKind[] {
  return (schema['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined) ?? [];
}

/**
 * A package's group/version comes from the group-version-kind of its definitions. Packages with
 * no kind of their own (apimachinery's Quantity, IntOrString, RawExtension...) join meta/v1, the
 * package every group uses for ObjectMeta.
 */
function derivePackages(schemas: Map<string, OpenApiSchema>): Map<string, ApiPackage> {
  const packages = new Map<string, ApiPackage>();
  for (const [name, schema] of schemas) {
    const prefix = packageOf(name);
    if (packages.has(prefix)) continue;
    const gvks = gvksOf(schema);
    if (gvks.length === 1 && !prefix.startsWith('io.k8s.apimachinery.')) {
      const { group, version } = gvks[0]!;
      packages.set(prefix, { prefix, group, version, stem: `${groupStem(group)}-${version}` });
    }
  }
  for (const name of schemas.keys()) {
    const prefix = packageOf(name);
    if (!packages.has(prefix)) packages.set(prefix, { prefix, group: 'meta', version: 'v1', stem: 'meta-v1' });
  }
  const stems = new Map<string, string>();
  for (const pkg of packages.values()) {
    const apiVersion = apiVersionOf(pkg.group, pkg.version);
    const other = stems.get(pkg.stem);
    if (other !== undefined && other !== apiVersion && pkg.stem !== 'meta-v1') {
      throw new Error(`groups ${other} and ${apiVersion} share the file stem ${pkg.stem}`);
    }
    stems.set(pkg.stem, apiVersion);
  }
  return packages;
}

export function packageFor(definitions: OpenApiDefinitions, definition: string): ApiPackage {
  const pkg = definitions.packages.get(packageOf(definition));
  if (!pkg) throw new Error(`no package for ${definition}`);
  return pkg;
}
