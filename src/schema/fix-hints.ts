import { closestMatch } from './edit-distance.js';
import type { JsonSchema } from './schema-store.js';

/**
 * Known mistakes, as data: a field written where a schema definition does not allow it, and
 * the fix. Most come from manifests written for API versions the server no longer serves.
 */
export const FIELD_FIXES: { definition: string; field: string; hint: string }[] = [
  { definition: 'io.k8s.api.networking.v1.IngressBackend', field: 'serviceName', hint: 'networking.k8s.io/v1 nests the backend service: use service.name and service.port.number (for example `service: { name: web, port: { number: 80 } }`)' },
  { definition: 'io.k8s.api.networking.v1.IngressBackend', field: 'servicePort', hint: 'use service.port.number (or service.port.name for a named port) inside service: { name, port }' },
  { definition: 'io.k8s.api.networking.v1.IngressSpec', field: 'backend', hint: 'networking.k8s.io/v1 calls it spec.defaultBackend' },
  { definition: 'io.k8s.api.autoscaling.v2.ResourceMetricSource', field: 'targetAverageUtilization', hint: 'use target: { type: Utilization, averageUtilization: N }' },
  { definition: 'io.k8s.api.autoscaling.v2.ResourceMetricSource', field: 'targetAverageValue', hint: 'use target: { type: AverageValue, averageValue: Q }' },
  { definition: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec', field: 'targetCPUUtilizationPercentage', hint: 'autoscaling/v2 uses metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: N } } }] (or use apiVersion autoscaling/v1)' },
  { definition: 'io.k8s.api.apps.v1.DeploymentSpec', field: 'rollbackTo', hint: 'rollbackTo was removed with extensions/v1beta1; roll back with `kubectl rollout undo` (or kcc rollback)' },
];

export function knownFieldFix(definition: string | undefined, field: string): string | undefined {
  return FIELD_FIXES.find((fix) => fix.field === field && fix.definition === definition)?.hint;
}

/** "did you mean containerPort?" against the properties the schema allows at that place. */
export function didYouMean(field: string, allowed: string[]): string | undefined {
  const match = closestMatch(field, allowed);
  return match ? `did you mean "${match}"?` : undefined;
}

// An unquoted "key:value" (no space after the colon) is a plain string to YAML, not a mapping.
const KEY_VALUE_WITHOUT_SPACE = /^([A-Za-z0-9_.\/-]+):(\S.*)$/;

/** Hints for a value of the wrong type, from what was written. */
export function typeMismatchHint(expected: string[], actual: unknown, written?: string): string | undefined {
  if (typeof actual === 'string') {
    const match = KEY_VALUE_WITHOUT_SPACE.exec(actual);
    if (match && (expected.includes('object') || expected.includes('array'))) {
      return `YAML read "${actual}" as one string because there is no space after the colon: write "${match[1]}: ${match[2]}"`;
    }
    if (actual.trim() === '...' || actual.trim() === '…') return 'this is a placeholder ("..."): replace it with the real value';
    if (expected.includes('integer') || expected.includes('number')) {
      if (/^\s*-?\d+(\.\d+)?\s*$/.test(actual)) return 'remove the quotes: this field takes a number';
    }
    if (expected.includes('boolean') && /^(true|false)$/i.test(actual.trim())) return 'remove the quotes: this field takes true or false';
  }
  if ((typeof actual === 'number' || typeof actual === 'boolean') && expected.length === 1 && expected[0] === 'string') {
    const text = written ?? String(actual);
    const converted = written !== undefined && written !== String(actual) ? ` (${JSON.stringify(actual)})` : '';
    return `quote the value ("${text}"): YAML reads it as a ${typeof actual}${converted}, and this field takes a string`;
  }
  if (expected.includes('array') && typeof actual === 'object' && actual !== null && !Array.isArray(actual)) {
    return 'this field takes a list: start each item with "- "';
  }
  if (expected.includes('object') && Array.isArray(actual)) return 'this field takes a mapping (key: value lines), not a list: remove the "- "';
  if (actual === null) return 'the value is empty: give a value or remove the key';
  return undefined;
}

/** The value the user probably meant among an enum's allowed values (case or typo). */
export function enumHint(actual: unknown, allowed: unknown[]): string | undefined {
  if (typeof actual !== 'string') return undefined;
  const match = closestMatch(actual, allowed.filter((v): v is string => typeof v === 'string'));
  return match ? `did you mean "${match}"?` : undefined;
}

/**
 * Where else in the kind's schema a misplaced field is allowed, below the place it was written:
 * `containers` under a Deployment's spec belongs in spec.template.spec.containers.
 */
export function findFieldBelow(root: JsonSchema, at: JsonSchema, field: string, maxDepth = 4): string | undefined {
  const defs = (root.$defs as Record<string, JsonSchema> | undefined) ?? {};
  const resolve = (schema: JsonSchema): JsonSchema => {
    const ref = schema.$ref as string | undefined;
    return ref?.startsWith('#/$defs/') ? (defs[ref.slice(8)] ?? schema) : schema;
  };
  let frontier: { schema: JsonSchema; path: string }[] = [{ schema: resolve(at), path: '' }];
  for (let depth = 0; depth < maxDepth && frontier.length; depth++) {
    const next: { schema: JsonSchema; path: string }[] = [];
    for (const { schema, path } of frontier) {
      const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
      if (depth > 0 && field in properties) return `${path}.${field}`.replace(/^\./, '');
      for (const [name, child] of Object.entries(properties)) {
        if (name === 'status') continue;
        const resolved = resolve(child);
        const items = resolved.items as JsonSchema | undefined;
        if (items) next.push({ schema: resolve(items), path: `${path}.${name}[]` });
        else next.push({ schema: resolved, path: `${path}.${name}` });
      }
    }
    frontier = next;
  }
  return undefined;
}
