import type { JsonSchema } from './schema-store.js';

export interface DeprecatedFieldUse {
  path: (string | number)[];
  /** The schema's own words after "Deprecated:", e.g. "Use serviceAccountName instead." */
  advice: string;
}

/**
 * Fields the object sets that the schema marks `deprecated` (the generator derives the mark
 * from "Deprecated:" in the field's description). Walks the data, not the schema, so the cost
 * follows the size of the object.
 */
export function findDeprecatedFields(object: unknown, root: JsonSchema): DeprecatedFieldUse[] {
  const defs = (root.$defs as Record<string, JsonSchema> | undefined) ?? {};
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    const ref = schema?.$ref;
    return typeof ref === 'string' && ref.startsWith('#/$defs/') ? defs[ref.slice(8)] : schema;
  };
  const found: DeprecatedFieldUse[] = [];
  // One path array, extended and shortened while walking; copied only for a finding.
  const path: (string | number)[] = [];
  const walk = (value: unknown, schema: JsonSchema | undefined): void => {
    const resolved = resolve(schema);
    if (!resolved || value === null || typeof value !== 'object' || !mayHoldDeprecated(resolved, resolve)) return;
    if (Array.isArray(value)) {
      const items = resolved.items as JsonSchema | undefined;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(value[i], items);
        path.pop();
      }
      return;
    }
    const properties = resolved.properties as Record<string, JsonSchema> | undefined;
    const additional = typeof resolved.additionalProperties === 'object' ? (resolved.additionalProperties as JsonSchema) : undefined;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const own = properties?.[key];
      const property = own ?? additional;
      if (!property) continue;
      const item = record[key];
      const deprecated = property.deprecated === true && own !== undefined;
      // Scalars hold nothing below them: skip the call (most members of an object are scalars).
      if (!deprecated && (item === null || typeof item !== 'object')) continue;
      path.push(key);
      if (deprecated) found.push({ path: [...path], advice: adviceOf(property.description) });
      walk(item, property);
      path.pop();
    }
  };
  walk(object, root);
  return found;
}

const holdsDeprecated = new WeakMap<JsonSchema, boolean>();

/** Whether any field below this schema is deprecated; memoised, so whole subtrees are skipped. */
function mayHoldDeprecated(schema: JsonSchema, resolve: (s: JsonSchema | undefined) => JsonSchema | undefined): boolean {
  const known = holdsDeprecated.get(schema);
  if (known !== undefined) return known;
  holdsDeprecated.set(schema, false); // cycles (JSONSchemaProps) resolve to "no" while in progress
  const children = [
    ...Object.values((schema.properties as Record<string, JsonSchema> | undefined) ?? {}),
    ...(typeof schema.items === 'object' ? [schema.items as JsonSchema] : []),
    ...(typeof schema.additionalProperties === 'object' ? [schema.additionalProperties as JsonSchema] : []),
  ];
  const result = children.some((child) => child.deprecated === true || mayHoldDeprecated(resolve(child) ?? child, resolve));
  holdsDeprecated.set(schema, result);
  return result;
}

function adviceOf(description: unknown): string {
  if (typeof description !== 'string') return '';
  const match = /Deprecated[:.]\s*([^\n]*)/.exec(description) ?? /([^.\n]*deprecated[^.\n]*\.)/i.exec(description);
  return (match?.[1] ?? '').trim();
}
