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
    const plan = planOf(resolved, additional, resolve);
    if (plan) {
      // Only the few members that are deprecated or lead to one; in the object's own key order,
      // as the full loop below would find them.
      let present: string[] | undefined;
      for (const key of plan) {
        if (Object.prototype.hasOwnProperty.call(record, key)) (present ??= []).push(key);
      }
      if (!present) return;
      if (present.length > 1) {
        const order = Object.keys(record);
        present.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      }
      for (const key of present) visit(key, properties![key]!, record[key], true);
      return;
    }
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const own = properties?.[key];
      const property = own ?? additional;
      if (!property) continue;
      const item = record[key];
      const deprecated = property.deprecated === true && own !== undefined;
      // Scalars hold nothing below them: skip the call (most members of an object are scalars).
      if (!deprecated && (item === null || typeof item !== 'object')) continue;
      visit(key, property, item, deprecated);
    }
  };
  const visit = (key: string, property: JsonSchema, item: unknown, deprecated: boolean): void => {
    path.push(key);
    if (deprecated && property.deprecated === true) found.push({ path: [...path], advice: adviceOf(property.description) });
    walk(item, property);
    path.pop();
  };
  walk(object, root);
  return found;
}

const plans = new WeakMap<JsonSchema, string[] | null>();

/**
 * For a mapping schema, the property names worth visiting: deprecated themselves or with a
 * deprecated field somewhere below. Null when every member must be looked at (additional
 * properties that may hold deprecated fields), so the walk loops over the object instead.
 */
function planOf(schema: JsonSchema, additional: JsonSchema | undefined, resolve: (s: JsonSchema | undefined) => JsonSchema | undefined): string[] | null {
  let plan = plans.get(schema);
  if (plan !== undefined) return plan;
  const resolvedAdditional = additional ? resolve(additional) : undefined;
  if (resolvedAdditional && mayHoldDeprecated(resolvedAdditional, resolve)) {
    plan = null;
  } else {
    plan = [];
    for (const [key, property] of Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      if (typeof property !== 'object' || property === null) continue;
      const resolvedProperty = resolve(property);
      if (property.deprecated === true || (resolvedProperty && mayHoldDeprecated(resolvedProperty, resolve))) plan.push(key);
    }
  }
  plans.set(schema, plan);
  return plan;
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
