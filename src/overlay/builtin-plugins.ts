import { parseAllDocuments } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { fieldPathParts, fieldSpecSelects, visitFieldPath } from './field-path.js';
import { NAME_AFFIX_SKIP } from './field-specs.js';
import { generate } from './generators.js';
import { setImages } from './images.js';
import type { FieldSpec, GeneratorArgs, ImageEntry, PatchEntry, Replacement } from './kustomization-types.js';
import type { FileLoader } from './loader.js';
import { setMapEntries, setNamespace } from './metadata-transformers.js';
import type { LoadedPatch } from './patches.js';
import { applyReplacements } from './replacements.js';
import { setReplicas } from './replicas.js';
import type { Resource } from './resource.js';

/**
 * `transformers:` and `generators:` entries that configure one of kustomize's built-in plugins
 * (`apiVersion: builtin`), inline or from a file. Each kind maps to the transformer kcc already has
 * for the matching kustomization field; like kustomize, a plugin writes only where its own
 * fieldSpecs say. Exec and container plugins are refused: kcc runs no programs from a tree.
 */
export interface PluginConfig {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  [field: string]: unknown;
}

export interface PluginContext {
  resources: () => Resource[];
  loader: FileLoader;
  where: SourceLocation;
  step: string;
  applyPatch: (patch: LoadedPatch) => void;
  loadPatch: (entry: PatchEntry, label: string) => LoadedPatch;
  absorbGenerated: (generated: Resource) => void;
}

type PluginRunner = (config: PluginConfig, context: PluginContext) => void;

const specsOf = (config: PluginConfig): FieldSpec[] => (config.fieldSpecs as FieldSpec[] | undefined) ?? [];

const TRANSFORMERS: Record<string, PluginRunner> = {
  PatchTransformer: (config, context) => {
    const entry = { path: config.path, patch: config.patch, target: config.target, options: config.options } as PatchEntry;
    context.applyPatch(context.loadPatch(entry, `PatchTransformer ${config.metadata?.name ?? ''}`.trim()));
  },
  PatchStrategicMergeTransformer: (config, context) => {
    for (const path of (config.paths as string[] | undefined) ?? []) context.applyPatch(context.loadPatch({ path }, `'${path}'`));
    if (typeof config.patches === 'string') context.applyPatch(context.loadPatch({ patch: config.patches }, 'PatchStrategicMergeTransformer'));
  },
  PatchJson6902Transformer: (config, context) => {
    const entry = { path: config.path, patch: config.jsonOp, target: config.target } as PatchEntry;
    context.applyPatch(context.loadPatch(entry, 'PatchJson6902Transformer'));
  },
  PrefixSuffixTransformer: (config, context) => affix(context, String(config.prefix ?? ''), String(config.suffix ?? ''), specsOf(config)),
  PrefixTransformer: (config, context) => affix(context, String(config.prefix ?? ''), '', specsOf(config)),
  SuffixTransformer: (config, context) => affix(context, '', String(config.suffix ?? ''), specsOf(config)),
  LabelTransformer: (config, context) => setMapEntries(context.resources(), (config.labels ?? {}) as Record<string, unknown>, specsOf(config), context.step),
  AnnotationsTransformer: (config, context) =>
    setMapEntries(context.resources(), (config.annotations ?? {}) as Record<string, unknown>, specsOf(config), context.step),
  NamespaceTransformer: (config, context) => {
    const namespace = config.metadata?.namespace;
    if (!namespace) return;
    const others = specsOf(config).filter((spec) => spec.path !== 'metadata/namespace');
    setNamespace(context.resources(), namespace, context.step, others);
  },
  ImageTagTransformer: (config, context) => setImages(context.resources(), [config.imageTag as ImageEntry], context.step),
  ReplicaCountTransformer: (config, context) => {
    const replica = config.replica as { name?: string; count?: number };
    setReplicas(context.resources(), [replica], context.where, context.step);
  },
  ReplacementTransformer: (config, context) => {
    const replacements = (config.replacements ?? []) as Replacement[];
    applyReplacements(context.resources(), replacements, context.where, context.step);
  },
};

const GENERATORS: Record<string, PluginRunner> = {
  ConfigMapGenerator: (config, context) => runGenerator('ConfigMap', config, context),
  SecretGenerator: (config, context) => runGenerator('Secret', config, context),
};

function runGenerator(kind: 'ConfigMap' | 'Secret', config: PluginConfig, context: PluginContext): void {
  const { metadata, apiVersion: _apiVersion, kind: _kind, ...rest } = config;
  const args = { ...rest, name: metadata?.name, namespace: metadata?.namespace } as GeneratorArgs;
  context.absorbGenerated(generate(kind, args, undefined, context.loader, context.where, `${kind}Generator ${metadata?.name ?? ''}`.trim(), context.step));
}

/** Adds the affixes to string fields the specs name; renaming metadata/name is remembered for references. */
function affix(context: PluginContext, prefix: string, suffix: string, specs: FieldSpec[]): void {
  for (const resource of context.resources()) {
    const id = resource.currentId();
    if (NAME_AFFIX_SKIP.some((skip) => skip.kind === id.kind && (skip.group === undefined || skip.group === id.group))) continue;
    for (const spec of specs) {
      if (!fieldSpecSelects(spec, id)) continue;
      if (spec.path === 'metadata/name') resource.rememberId();
      visitFieldPath(resource.object, fieldPathParts(spec.path), false, (parent, key) => {
        if (typeof parent[key] !== 'string') return;
        parent[key] = `${prefix}${parent[key]}${suffix}`;
        resource.touch(context.step);
      });
    }
  }
}

/** The plugin configurations an entry holds: inline YAML, or a file of one or more documents. */
export function readPluginConfigs(entry: string, field: 'transformers' | 'generators', loader: FileLoader, where: SourceLocation): PluginConfig[] {
  const inline = entry.includes('\n');
  const text = inline ? entry : loader.readText(entry, where, field).text;
  const configs: PluginConfig[] = [];
  for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
    if (doc.errors.length) throw new KccError(`cannot parse ${field} entry '${entry}': ${doc.errors[0]!.message.split('\n')[0]}`, { location: where, field });
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new KccError(`${field} entry '${entry}' must hold plugin configurations (objects)`, { location: where, field });
    }
    configs.push(value as PluginConfig);
  }
  return configs;
}

export function runPlugin(config: PluginConfig, field: 'transformers' | 'generators', context: PluginContext): void {
  const table = field === 'transformers' ? TRANSFORMERS : GENERATORS;
  const kind = config.kind ?? '';
  if (config.apiVersion !== 'builtin') {
    throw new KccError(`${field}: '${config.apiVersion}/${kind}' is an exec or container plugin, which kcc does not run`, {
      location: context.where,
      field,
      hint: `use one of kustomize's built-in plugins (apiVersion: builtin), or run the plugin separately and list its output under resources`,
    });
  }
  const run = table[kind];
  if (!run) {
    const hint = `supported: ${Object.keys(table).join(', ')}`;
    throw new KccError(`${field}: built-in plugin '${kind}' is not supported here`, { location: context.where, field, hint });
  }
  run(config, context);
}
