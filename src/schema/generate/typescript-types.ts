import { compile, type Options } from 'json-schema-to-typescript';
import { packageFor, refTarget, shortName, type OpenApiDefinitions, type OpenApiSchema } from './openapi-definitions.js';
import { toJsonSchema } from './kind-schema.js';

/** "core-v1" -> "coreV1": the namespace a module is imported (and re-exported) as. */
export function namespaceName(stem: string): string {
  return stem.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export interface TypeNaming {
  /** The TypeScript name of a definition inside its own module (kinds become `<Kind>Props`). */
  localName(definition: string): string;
  /** The stem of the module that declares a definition. */
  stemOf(definition: string): string;
}

export function typeNaming(definitions: OpenApiDefinitions, kindDefinitions: Set<string>): TypeNaming {
  return {
    localName: (definition) => (kindDefinitions.has(definition) ? `${shortName(definition)}Props` : shortName(definition)),
    stemOf: (definition) => packageFor(definitions, definition).stem,
  };
}

const OPTIONS: Partial<Options> = {
  bannerComment: '',
  additionalProperties: false,
  declareExternallyReferenced: false,
  format: false,
  strictIndexSignatures: false,
  unknownAny: true,
};

// Fields the class writes itself (apiVersion, kind) or that the cluster owns (status).
const NOT_PROPS = new Set(['apiVersion', 'kind', 'status']);

/**
 * TypeScript declarations for one definition. References become `tsType` names (a local name,
 * or `otherV1.Name` for another module) so json-schema-to-typescript never inlines a referenced
 * type: each type is declared once, in the module of its API group/version.
 */
export async function definitionToTypeScript(
  definitions: OpenApiDefinitions,
  naming: TypeNaming,
  definition: string,
  options: { stem: string; isKind: boolean; deprecated?: string; imports: Set<string> },
): Promise<string> {
  let schema = toJsonSchema(definitions.schemas.get(definition)!, definition);
  if (options.isKind) {
    const properties = Object.fromEntries(Object.entries((schema.properties as Record<string, OpenApiSchema>) ?? {}).filter(([key]) => !NOT_PROPS.has(key)));
    const required = ((schema.required as string[] | undefined) ?? []).filter((key) => !NOT_PROPS.has(key));
    schema = { ...schema, properties, required };
  }
  if (options.deprecated) schema = { ...schema, description: `${schema.description ?? ''}\n\n@deprecated use ${options.deprecated}`.trim() };
  const typed = withTsTypes(schema, (target) => {
    const stem = naming.stemOf(target);
    const local = naming.localName(target);
    if (stem === options.stem) return local;
    options.imports.add(stem);
    return `${namespaceName(stem)}.${local}`;
  });
  return compile(typed as Parameters<typeof compile>[0], naming.localName(definition), OPTIONS as Options);
}

function withTsTypes(schema: OpenApiSchema, nameOf: (definition: string) => string): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') {
      out.tsType = nameOf(refTarget((value as string).replace('#/$defs/', '#/components/schemas/')));
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, OpenApiSchema>).map(([p, s]) => [p, withTsTypes(s, nameOf)]));
    } else if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object' && value !== null) {
      out[key] = withTsTypes(value as OpenApiSchema, nameOf);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as OpenApiSchema[]).map((s) => withTsTypes(s, nameOf));
    } else if (key === 'default' || key === 'pattern' || key === 'format' || key.startsWith('x-')) {
      // Validation detail; the description already states defaults.
      continue;
    } else {
      out[key] = value;
    }
  }
  // A schema that says nothing about its shape (JSON, RawExtension) holds any JSON value.
  if (out.tsType === undefined && out.type === undefined && !out.properties && !out.allOf && !out.anyOf && !out.oneOf && !out.enum) {
    out.tsType = 'unknown';
  } else if (out.type === 'object' && !out.properties && out.additionalProperties === undefined) {
    out.additionalProperties = true;
  }
  return out;
}
