import type { JsonSchema } from './schema-store.js';

export interface DeprecatedFieldUse {
  path: (string | number)[];
  /** The schema's own words after "Deprecated:", e.g. "Use serviceAccountName instead." */
  advice: string;
}

/**
 * Fields the object sets that the schema marks `deprecated` (the generator derives the mark
 * from "Deprecated:" in the field's description). Walks the data, not the schema, and only along
 * the members that are deprecated or lead to one (see Probe), so most of an object is never
 * visited. Runs once per validated object.
 */
export function findDeprecatedFields(object: unknown, root: JsonSchema): DeprecatedFieldUse[] {
  const probe = rootProbe(root);
  if (!probe) return NONE;
  const walk = new Walk();
  walk.value(object, probe);
  return walk.found ?? NONE;
}

const NONE: DeprecatedFieldUse[] = [];

/**
 * What to look at in a value of one schema, worked out once per schema: for a mapping, the
 * members worth visiting (or, when any member may lead to a deprecated field through
 * additionalProperties, all of them); for a list, its items.
 */
interface Probe {
  members?: Member[];
  open?: { properties: Record<string, JsonSchema>; additional: Member | undefined; resolve: Resolve };
  items?: Probe;
}

/** A member of a mapping: its advice when the member itself is deprecated, the probe below it. */
interface Member {
  key: string;
  advice: string | undefined;
  schema: JsonSchema;
  resolve: Resolve;
  /** Undefined until first needed (schemas can be recursive); null when nothing below is deprecated. */
  below?: Probe | null;
}

type Resolve = (schema: JsonSchema | undefined) => JsonSchema | undefined;

class Walk {
  found: DeprecatedFieldUse[] | undefined;
  // One path array, extended and shortened while walking; copied only for a finding.
  private readonly path: (string | number)[] = [];

  value(value: unknown, probe: Probe): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      const items = probe.items;
      if (!items) return;
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        this.value(value[i], items);
        this.path.pop();
      }
      return;
    }
    const record = value as Record<string, unknown>;
    if (probe.members) {
      // In the object's own key order, as a walk over all its members would find them.
      let present: Member[] | undefined;
      for (const member of probe.members) {
        if (Object.prototype.hasOwnProperty.call(record, member.key)) (present ??= []).push(member);
      }
      if (!present) return;
      if (present.length > 1) {
        const order = Object.keys(record);
        present.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
      }
      for (const member of present) this.member(member, record[member.key]);
      return;
    }
    const open = probe.open;
    if (!open) return;
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
      const own = open.properties[key];
      const item = record[key];
      if (own) {
        const deprecated = own.deprecated === true;
        if (!deprecated && (item === null || typeof item !== 'object')) continue;
        this.member(memberOf(key, own, open.resolve), item);
      } else if (open.additional && item !== null && typeof item === 'object') {
        this.member({ ...open.additional, key }, item);
      }
    }
  }

  private member(member: Member, item: unknown): void {
    this.path.push(member.key);
    if (member.advice !== undefined) (this.found ??= []).push({ path: [...this.path], advice: member.advice });
    if (item !== null && typeof item === 'object') {
      if (member.below === undefined) member.below = probeOf(member.resolve(member.schema) ?? member.schema, member.resolve);
      if (member.below) this.value(item, member.below);
    }
    this.path.pop();
  }
}

const rootProbes = new WeakMap<JsonSchema, Probe | null>();

function rootProbe(root: JsonSchema): Probe | null {
  let probe = rootProbes.get(root);
  if (probe === undefined) {
    const defs = (root.$defs as Record<string, JsonSchema> | undefined) ?? {};
    const resolve: Resolve = (schema) => {
      const ref = schema?.$ref;
      return typeof ref === 'string' && ref.startsWith('#/$defs/') ? defs[ref.slice(8)] : schema;
    };
    probe = probeOf(root, resolve);
    rootProbes.set(root, probe);
  }
  return probe;
}

const probes = new WeakMap<JsonSchema, Probe | null>();
const openMembers = new WeakMap<JsonSchema, Member>();

/** The probe of a (resolved) schema, or null when nothing below it is deprecated. */
function probeOf(schema: JsonSchema, resolve: Resolve): Probe | null {
  const known = probes.get(schema);
  if (known !== undefined) return known;
  let probe: Probe | null = null;
  if (mayHoldDeprecated(schema, resolve)) {
    const items = typeof schema.items === 'object' ? resolve(schema.items as JsonSchema) : undefined;
    const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
    const additional = typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
    const resolvedAdditional = additional ? resolve(additional) : undefined;
    if (items && mayHoldDeprecated(items, resolve)) {
      probes.set(schema, (probe = {}));
      probe.items = probeOf(items, resolve) ?? undefined;
    } else if (resolvedAdditional && mayHoldDeprecated(resolvedAdditional, resolve)) {
      probe = { open: { properties, additional: { key: '', advice: undefined, schema: additional!, resolve }, resolve } };
    } else {
      const members: Member[] = [];
      for (const [key, property] of Object.entries(properties)) {
        if (typeof property !== 'object' || property === null) continue;
        const resolvedProperty = resolve(property);
        if (property.deprecated === true || (resolvedProperty && mayHoldDeprecated(resolvedProperty, resolve))) members.push(memberOf(key, property, resolve));
      }
      probe = { members };
    }
  }
  probes.set(schema, probe);
  return probe;
}

function memberOf(key: string, property: JsonSchema, resolve: Resolve): Member {
  let member = openMembers.get(property);
  if (!member || member.key !== key) {
    member = { key, advice: property.deprecated === true ? adviceOf(property.description) : undefined, schema: property, resolve };
    openMembers.set(property, member);
  }
  return member;
}

const holdsDeprecated = new WeakMap<JsonSchema, boolean>();

/** Whether any field below this schema is deprecated; memoised, so whole subtrees are skipped. */
function mayHoldDeprecated(schema: JsonSchema, resolve: Resolve): boolean {
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
