import { parseDocument } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import type { FieldSpec } from './kustomization-types.js';
import type { TransformerConfig } from './transformer-config.js';

/**
 * kustomize's `crds:` field. Each file is a map of OpenAPI definitions (type name → { Schema,
 * Dependencies }, as `openapi-gen` writes them), not CRD manifests. A definition with apiVersion, kind
 * and metadata properties is a kind (named by the last dot-separated part of its type name); its
 * properties, followed through `$ref`, carry the extensions kustomize turns into configuration:
 * `x-kubernetes-object-ref-kind`/`-api-version`/`-name-key` (a name reference),
 * `x-kubernetes-label-selector` (commonLabels) and `x-kubernetes-annotation` (commonAnnotations).
 */
export function transformerConfigFromDefinitions(text: string, file: string, where: SourceLocation): Partial<TransformerConfig> {
  const definitions = parseDefinitions(text, file, where);
  const config: Required<Pick<TransformerConfig, 'nameReference' | 'commonLabels' | 'commonAnnotations'>> = { nameReference: [], commonLabels: [], commonAnnotations: [] };
  for (const [typeName, definition] of Object.entries(definitions)) {
    const properties = propertiesOf(definition);
    if (!properties || !('kind' in properties) || !('apiVersion' in properties) || !('metadata' in properties)) continue;
    const kind = typeName.split('.').at(-1)!;
    collect(definitions, typeName, kind, [], new Set(), config, file, where);
  }
  return config;
}

type Definitions = Record<string, unknown>;

function parseDefinitions(text: string, file: string, where: SourceLocation): Definitions {
  let value: unknown;
  if (text.trimStart().startsWith('{')) {
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new KccError(`unable to parse open API definition from '${file}': ${(error as Error).message}`, { location: where, field: 'crds' });
    }
  } else {
    const doc = parseDocument(text);
    if (doc.errors.length) throw new KccError(`unable to parse open API definition from '${file}': ${doc.errors[0]!.message.split('\n')[0]}`, { location: where, field: 'crds' });
    value = doc.toJS();
  }
  const isDefinitionMap = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry));
  if (!isDefinitionMap) {
    throw new KccError(`unable to parse open API definition from '${file}': expected a map of type names to { Schema, Dependencies }`, {
      location: where,
      field: 'crds',
      hint: 'crds: lists OpenAPI definition files (openapi-gen output); a CustomResourceDefinition manifest belongs under resources',
    });
  }
  return value as Definitions;
}

function propertiesOf(definition: unknown): Record<string, Record<string, unknown>> | undefined {
  const schema = (definition as { Schema?: { properties?: unknown } }).Schema;
  const properties = schema?.properties;
  return properties && typeof properties === 'object' ? (properties as Record<string, Record<string, unknown>>) : undefined;
}

function collect(
  definitions: Definitions,
  typeName: string,
  kind: string,
  path: string[],
  visiting: Set<string>,
  config: Required<Pick<TransformerConfig, 'nameReference' | 'commonLabels' | 'commonAnnotations'>>,
  file: string,
  where: SourceLocation,
): void {
  const definition = definitions[typeName];
  // A type that refers back to itself would make kustomize recurse forever; kcc stops at the cycle.
  if (definition === undefined || visiting.has(typeName)) return;
  visiting.add(typeName);
  for (const [name, property] of Object.entries(propertiesOf(definition) ?? {})) {
    const at = [...path, name];
    const spec = (fieldPath: string[]): FieldSpec => ({ kind, path: fieldPath.join('/') });
    if (typeof property['x-kubernetes-annotation'] === 'string') config.commonAnnotations.push(spec(at));
    if (typeof property['x-kubernetes-label-selector'] === 'string') config.commonLabels.push(spec(at));
    if (typeof property['x-kubernetes-identity'] === 'string') {
      throw new KccError(`'${file}': x-kubernetes-identity (a namePrefix field spec, at ${kind} ${at.join('/')}) is not supported`, {
        location: where,
        field: 'crds',
        hint: 'kcc prefixes metadata.name of every object; remove the extension',
      });
    }
    const version = property['x-kubernetes-object-ref-api-version'];
    const referral = property['x-kubernetes-object-ref-kind'];
    if (typeof version === 'string' && typeof referral === 'string') {
      const nameKey = typeof property['x-kubernetes-object-ref-name-key'] === 'string' ? (property['x-kubernetes-object-ref-name-key'] as string) : 'name';
      config.nameReference.push({ referral: { kind: referral, version }, referrers: [spec([...at, nameKey])] });
    }
    if (typeof property.$ref === 'string') collect(definitions, property.$ref, kind, at, visiting, config, file, where);
  }
  visiting.delete(typeName);
}
