import { refTarget, type OpenApiDefinitions, type OpenApiSchema } from './openapi-definitions.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/**
 * Kubernetes' resource.Quantity grammar: a signed decimal number, then a binary-SI (Ki..Ei),
 * decimal-SI (n, u, m, k, M..E) or exponent (e3, E-2) suffix. Plain JSON numbers are accepted too.
 */
export const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * Definitions rewritten for JSON Schema validators: `$ref` points into `$defs`, a lone
 * `allOf: [{$ref}]` becomes a `$ref` with siblings (2020-12 allows them), int-or-string and
 * quantity become type unions any validator understands, and objects with declared properties
 * reject unknown ones, as the API server's strict field validation does.
 */
export function toJsonSchema(schema: OpenApiSchema, name?: string): OpenApiSchema {
  if (name === INT_OR_STRING) {
    return { description: schema.description, type: ['integer', 'string'], 'x-kubernetes-int-or-string': true };
  }
  if (name === QUANTITY) {
    return { description: schema.description, type: ['string', 'number'], pattern: QUANTITY_PATTERN, format: 'quantity' };
  }
  return convert(schema);
}

function convert(schema: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  const allOf = schema.allOf as OpenApiSchema[] | undefined;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'allOf' && allOf?.length === 1 && typeof allOf[0]!.$ref === 'string' && schema.$ref === undefined) {
      out.$ref = `#/$defs/${refTarget(allOf[0]!.$ref as string)}`;
    } else if (key === '$ref') {
      out.$ref = `#/$defs/${refTarget(value as string)}`;
    } else if (key === 'default' && isEmptyObject(value)) {
      // `default: {}` on every struct field says nothing a reader or validator needs.
      continue;
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([p, s]) => [p, markDeprecated(convert(s))]));
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'object' && value !== null ? convert(value as OpenApiSchema) : value;
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as OpenApiSchema[]).map(convert);
    } else if (key === 'nullable') {
      continue;
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.properties && out.additionalProperties === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

// Kubernetes marks retired fields in prose: "Deprecated: use serviceAccountName instead."
const DEPRECATED = /(?:^|[.\n]\s*)Deprecated[:.]\s|is a deprecated alias|\bThis field is deprecated\b/;

/** A field whose description says it is deprecated gets JSON Schema's `deprecated` annotation (and `@deprecated` in TypeScript). */
function markDeprecated(schema: OpenApiSchema): OpenApiSchema {
  const description = schema.description;
  return typeof description === 'string' && DEPRECATED.test(description) ? { ...schema, deprecated: true } : schema;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

/** Every definition the given one reaches through `$ref`, itself included, sorted by name. */
export function reachableDefinitions(definitions: OpenApiDefinitions, root: string): string[] {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = definitions.schemas.get(name);
    if (!schema) throw new Error(`missing definition ${name}`);
    collectRefs(schema, stack);
  }
  return [...seen].sort();
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') into.push(refTarget(item));
      else collectRefs(item, into);
    }
  }
}

export interface KindSchemaInput {
  definition: string;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  deprecatedBy?: string;
}

/**
 * One self-contained schema per kind: the kind's definition at the root, everything it uses in
 * `$defs`, and apiVersion/kind pinned so a manifest of another kind cannot pass by accident.
 */
export function buildKindSchema(definitions: OpenApiDefinitions, input: KindSchemaInput): OpenApiSchema {
  const source = definitions.schemas.get(input.definition)!;
  const root = toJsonSchema(source, input.definition);
  const properties = { ...(root.properties as Record<string, OpenApiSchema>) };
  properties.apiVersion = { ...properties.apiVersion, const: input.apiVersion };
  properties.kind = { ...properties.kind, const: input.kind };
  const required = [...new Set(['apiVersion', 'kind', ...((root.required as string[] | undefined) ?? [])])];
  const defs: Record<string, OpenApiSchema> = {};
  for (const name of reachableDefinitions(definitions, input.definition)) {
    if (name === input.definition) continue;
    defs[name] = toJsonSchema(definitions.schemas.get(name)!, name);
  }
  const { properties: _p, required: _r, ...rest } = root;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `kcc:k8s/${input.apiVersion}/${input.kind}`,
    title: `${input.kind} (${input.apiVersion})`,
    ...rest,
    ...(input.deprecatedBy ? { deprecated: true, 'x-kcc-deprecated-by': input.deprecatedBy } : {}),
    'x-kcc-namespaced': input.namespaced,
    properties,
    required,
    ...(Object.keys(defs).length ? { $defs: defs } : {}),
  };
}
