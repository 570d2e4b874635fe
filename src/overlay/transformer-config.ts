import { parseDocument } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { COMMON_ANNOTATIONS, COMMON_LABELS, NAMESPACE_REFERENCES, TEMPLATE_LABELS } from './field-specs.js';
import type { FieldSpec } from './kustomization-types.js';
import { NAME_REFERENCE_RULES, type NameReferenceRule } from './name-reference-rules.js';
import { VAR_REFERENCES } from './vars.js';

/**
 * kustomize's transformer configuration: where each built-in transformer writes and which fields
 * name other objects. It starts as the built-in tables; a kustomization's `configurations:` files
 * add field specs (typically for CRDs), and like kustomize's accumulator the result flows up: a
 * kustomization's transformers and the final name-reference pass see its bases' configurations too.
 */
export interface TransformerConfig {
  nameReference: NameReferenceRule[];
  /** Fields besides metadata/namespace that the namespace transformer sets. */
  namespace: FieldSpec[];
  commonLabels: FieldSpec[];
  templateLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  /** Where `vars` are substituted: $(NAME) in these string fields. */
  varReference: FieldSpec[];
}

type SpecListKey = Exclude<keyof TransformerConfig, 'nameReference'>;
const SPEC_LIST_KEYS: SpecListKey[] = ['namespace', 'commonLabels', 'templateLabels', 'commonAnnotations', 'varReference'];

/** Keys of kustomize's configuration that kcc's transformers do not read from configuration. */
const UNSUPPORTED_KEYS: Record<string, string> = {
  namePrefix: 'kcc prefixes every object except CRDs, APIServices and Namespaces',
  nameSuffix: 'kcc suffixes every object except CRDs, APIServices and Namespaces',
  images: 'kcc rewrites images in containers and initContainers of every kind',
  replicas: 'kcc sets replicas on Deployments, ReplicaSets, StatefulSets and ReplicationControllers',
};

export function defaultTransformerConfig(): TransformerConfig {
  return {
    nameReference: NAME_REFERENCE_RULES,
    namespace: NAMESPACE_REFERENCES,
    commonLabels: COMMON_LABELS,
    templateLabels: TEMPLATE_LABELS,
    commonAnnotations: COMMON_ANNOTATIONS,
    varReference: VAR_REFERENCES,
  };
}

/** `from` added to `into` (a new object): field specs deduplicated, name-reference rules merged by referral. */
export function mergeTransformerConfig(into: TransformerConfig, from: Partial<TransformerConfig>): TransformerConfig {
  const merged = { ...into };
  for (const key of SPEC_LIST_KEYS) {
    if (from[key]?.length && from[key] !== into[key]) merged[key] = mergeSpecs(into[key], from[key]!);
  }
  if (from.nameReference?.length && from.nameReference !== into.nameReference) {
    const rules = [...into.nameReference];
    for (const rule of from.nameReference) {
      const index = rules.findIndex((existing) => sameReferral(existing.referral, rule.referral));
      if (index < 0) rules.push(rule);
      else rules[index] = { referral: rules[index]!.referral, referrers: mergeSpecs(rules[index]!.referrers, rule.referrers) };
    }
    merged.nameReference = rules;
  }
  return merged;
}

/** A `configurations:` file: kustomize's TransformerConfig in YAML. */
export function parseTransformerConfig(text: string, file: string, where: SourceLocation): Partial<TransformerConfig> {
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length) throw new KccError(`malformed configuration ${file}: ${doc.errors[0]!.message.split('\n')[0]}`, { location: where, field: 'configurations' });
  const value = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof value !== 'object' || Array.isArray(value)) throw new KccError(`configuration ${file} must be a mapping`, { location: where, field: 'configurations' });
  const config: Partial<TransformerConfig> = {};
  for (const [key, entries] of Object.entries(value)) {
    if (entries === null) continue;
    if (key in UNSUPPORTED_KEYS) {
      throw new KccError(`configuration ${file}: '${key}' field specs are not supported`, { location: where, field: 'configurations', hint: UNSUPPORTED_KEYS[key] });
    }
    if (!Array.isArray(entries)) throw new KccError(`configuration ${file}: '${key}' must be a list`, { location: where, field: 'configurations' });
    if (key === 'nameReference') {
      config.nameReference = entries.map((entry: Record<string, unknown>) => ({
        referral: { ...gvkOf(entry), kind: String(entry.kind ?? '') },
        referrers: ((entry.fieldSpecs ?? []) as Record<string, unknown>[]).map((spec) => fieldSpecOf(spec, file, where)),
      }));
    } else if ((SPEC_LIST_KEYS as string[]).includes(key)) {
      config[key as SpecListKey] = entries.map((spec: Record<string, unknown>) => fieldSpecOf(spec, file, where));
    } else {
      throw new KccError(`configuration ${file}: unknown field '${key}'`, { location: where, field: 'configurations', hint: `known fields: nameReference, ${SPEC_LIST_KEYS.join(', ')}` });
    }
  }
  return config;
}

function fieldSpecOf(spec: Record<string, unknown>, file: string, where: SourceLocation): FieldSpec {
  if (typeof spec?.path !== 'string') throw new KccError(`configuration ${file}: every field spec needs a path`, { location: where, field: 'configurations' });
  const result: FieldSpec = { path: spec.path, ...gvkOf(spec) };
  if (spec.create !== undefined) result.create = spec.create === true;
  return result;
}

function gvkOf(entry: Record<string, unknown>): { group?: string; version?: string; kind?: string } {
  const gvk: { group?: string; version?: string; kind?: string } = {};
  for (const key of ['group', 'version', 'kind'] as const) {
    if (typeof entry[key] === 'string' && entry[key] !== '') gvk[key] = entry[key] as string;
  }
  return gvk;
}

function mergeSpecs(into: FieldSpec[], from: FieldSpec[]): FieldSpec[] {
  const key = (spec: FieldSpec): string => `${spec.group ?? ''}|${spec.version ?? ''}|${spec.kind ?? ''}|${spec.path}`;
  const seen = new Set(into.map(key));
  const merged = [...into];
  for (const spec of from) {
    if (seen.has(key(spec))) continue;
    seen.add(key(spec));
    merged.push(spec);
  }
  return merged;
}

function sameReferral(a: NameReferenceRule['referral'], b: NameReferenceRule['referral']): boolean {
  return a.kind === b.kind && (a.group ?? '') === (b.group ?? '') && (a.version ?? '') === (b.version ?? '');
}
