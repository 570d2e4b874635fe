import type { OpenApiSchema } from '../schema/generate/openapi-definitions.js';
import type { CrdVersion } from './crd-versions.js';

/** The definition every kind's metadata refers to, from kcc's own Kubernetes snapshot. */
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const REF_PREFIX = '#/components/schemas/';

/** Definition-name prefix of an imported group/version: `import.cert-manager.io.v1`. */
export function importPrefix(group: string, version: string): string {
  return `import.${group}.${version}`;
}

/**
 * The definitions of one CRD version, in the form the built-in generator reads (OpenAPI component
 * schemas joined by `$ref`), so `src/k8s` and `kcc import` share one generator.
 *
 * A CRD's schema is one nested tree; every object with declared fields becomes a named definition
 * (as `cdk8s import` does): `Certificate` -> `CertificateSpec` -> `CertificateSpecPrivateKey`; the
 * items of an array or values of a map are named after the field (`CertificateSpecTls`). `status`
 * stays inline: the cluster writes it, programs never do. `metadata` refers to ObjectMeta.
 *
 * Two trees come out: `schemas` keeps everything the validator needs (anyOf/oneOf constraints,
 * formats); `types` drops the parts that only constrain values, which TypeScript cannot express
 * and json-schema-to-typescript would turn into unions, and marks preserve-unknown-fields objects open.
 */
export interface CrdDefinitions {
  root: string;
  schemas: Map<string, OpenApiSchema>;
  types: Map<string, OpenApiSchema>;
}

const OPEN_ROOT: OpenApiSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

export function crdDefinitions(version: CrdVersion, taken: Set<string>): CrdDefinitions {
  const prefix = importPrefix(version.group, version.version);
  const schemas = new Map<string, OpenApiSchema>();
  const types = new Map<string, OpenApiSchema>();
  const uniqueName = (wanted: string): string => {
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`;
    taken.add(name);
    return name;
  };

  /** Rewrites a subtree, hoisting objects with fields into definitions; returns the replacement. */
  const visit = (schema: OpenApiSchema, name: string, hoist: boolean): OpenApiSchema => {
    const normal = normalize(schema);
    if (hoist && isObjectWithFields(normal)) {
      const local = uniqueName(name);
      const definition = `${prefix}.${local}`;
      schemas.set(definition, rewrite(normal, local));
      types.set(definition, forTypes(schemas.get(definition)!));
      const reference: OpenApiSchema = { $ref: `${REF_PREFIX}${definition}` };
      if (typeof normal.description === 'string') reference.description = normal.description;
      return reference;
    }
    return rewrite(normal, name);
  };
  const rewrite = (schema: OpenApiSchema, name: string): OpenApiSchema => {
    const out: OpenApiSchema = { ...schema };
    if (schema.properties && typeof schema.properties === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(schema.properties as Record<string, OpenApiSchema>).map(([field, child]) => [field, visit(child, `${name}${pascalCase(field)}`, true)]),
      );
    }
    if (schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) out.items = visit(schema.items as OpenApiSchema, name, true);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      out.additionalProperties = visit(schema.additionalProperties as OpenApiSchema, name, true);
    }
    return out;
  };

  const source = version.open ? { ...OPEN_ROOT, ...(version.schema ?? {}) } : version.schema!;
  const { properties = {}, ...rest } = normalize(source) as { properties?: Record<string, OpenApiSchema> } & OpenApiSchema;
  const { status, metadata: _metadata, ...fields } = properties;
  const root = `${prefix}.${version.kind}`;
  const body = rewrite({ ...rest, type: 'object', properties: fields }, version.kind);
  const rootSchema: OpenApiSchema = {
    ...body,
    properties: {
      apiVersion: { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' },
      kind: { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' },
      metadata: { $ref: `${REF_PREFIX}${OBJECT_META}`, description: "Standard object's metadata." },
      ...(body.properties as Record<string, OpenApiSchema>),
      ...(status ? { status: rewriteInline(status) } : {}),
    },
  };
  schemas.set(root, rootSchema);
  types.set(root, forTypes(rootSchema));
  return { root, schemas, types };
}

/** `status` and everything below it, normalised but not hoisted. */
function rewriteInline(schema: OpenApiSchema): OpenApiSchema {
  const out = normalize(schema);
  if (out.properties) out.properties = Object.fromEntries(Object.entries(out.properties as Record<string, OpenApiSchema>).map(([k, v]) => [k, rewriteInline(v)]));
  if (out.items && typeof out.items === 'object') out.items = rewriteInline(out.items as OpenApiSchema);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = rewriteInline(out.additionalProperties as OpenApiSchema);
  return out;
}

function isObjectWithFields(schema: OpenApiSchema): boolean {
  return (schema.type === 'object' || schema.type === undefined) && typeof schema.properties === 'object' && Object.keys(schema.properties as object).length > 0;
}

/**
 * The API server's readings of Kubernetes' schema extensions, made plain JSON Schema:
 * int-or-string is a type union; an embedded resource has apiVersion, kind and metadata; a
 * `duration` format is Go's (`90s`), not ISO 8601 as JSON Schema validators read it.
 */
function normalize(schema: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = { ...schema };
  if (schema['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    delete out.anyOf;
    delete out.oneOf;
  }
  if (schema['x-kubernetes-embedded-resource'] === true && out.properties) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties as object) };
  }
  if (out.format === 'duration') delete out.format;
  return out;
}

const VALUE_CONSTRAINTS = ['allOf', 'anyOf', 'oneOf', 'not'];

/** The TypeScript view of a schema (see CrdDefinitions). */
function forTypes(schema: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (VALUE_CONSTRAINTS.includes(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([k, v]) => [k, forTypes(v)]));
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object' && value !== null) {
      out[key] = forTypes(value as OpenApiSchema);
    } else {
      out[key] = value;
    }
  }
  if (schema['x-kubernetes-preserve-unknown-fields'] === true && out.additionalProperties === undefined) out.additionalProperties = true;
  return out;
}

/** `private-key` -> `PrivateKey`, `tls` -> `Tls`: a field name as part of a type name. */
export function pascalCase(field: string): string {
  const words = field.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(joined) ? `_${joined}` : joined;
}
