import type { KubeObject } from '../core/kube-object.js';
import type { JsonSchema } from './schema-store.js';

export interface CustomKind {
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  schema: JsonSchema;
  /** The CRD that defines it, for messages. */
  crdName: string;
}

/**
 * The kinds a CustomResourceDefinition (apiextensions.k8s.io/v1) defines, one per served version,
 * with its openAPIV3Schema made into a validator schema with the API server's rules: unknown
 * fields are rejected unless `x-kubernetes-preserve-unknown-fields`, int-or-string accepts both.
 */
export function customKindsOf(crd: KubeObject): CustomKind[] {
  const spec = crd.spec as { group?: string; scope?: string; names?: { kind?: string }; versions?: { name?: string; served?: boolean; schema?: { openAPIV3Schema?: JsonSchema } }[] } | undefined;
  const kind = spec?.names?.kind;
  if (!spec?.group || !kind) return [];
  const out: CustomKind[] = [];
  for (const version of spec.versions ?? []) {
    if (!version.name || version.served === false) continue;
    const raw = version.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    const body = structural(raw);
    const properties = { ...(body.properties as Record<string, JsonSchema> | undefined) };
    properties.apiVersion = { type: 'string' };
    properties.kind = { type: 'string' };
    properties.metadata = { type: 'object' };
    out.push({
      apiVersion: `${spec.group}/${version.name}`,
      kind,
      namespaced: spec.scope !== 'Cluster',
      crdName: crd.metadata?.name ?? `${kind}.${spec.group}`,
      schema: { ...body, type: 'object', properties, required: [...new Set(['apiVersion', 'kind', ...((body.required as string[] | undefined) ?? [])])] },
    });
  }
  return out;
}

const NESTED = ['items', 'additionalProperties', 'not'] as const;
const LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

function structural(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, structural(v)]));
    } else if ((NESTED as readonly string[]).includes(key) && value && typeof value === 'object') {
      out[key] = structural(value as JsonSchema);
    } else if ((LISTS as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = (value as JsonSchema[]).map(structural);
    } else if (key !== 'nullable' && key !== '$schema' && key !== 'id' && key !== '$id') {
      out[key] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    delete out.anyOf;
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (schema['x-kubernetes-embedded-resource'] === true && out.properties) {
    out.properties = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...(out.properties as object) };
  }
  if (out.properties && out.additionalProperties === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}
