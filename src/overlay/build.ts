import { readFileSync, realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseAllDocuments, parseDocument } from 'yaml';
import { KccError } from '../core/errors.js';
import type { SourceLocation, TrackedObject } from '../core/kube-object.js';
import { absorbGenerated } from './absorb-generated.js';
import { readPluginConfigs, runPlugin, type PluginContext } from './builtin-plugins.js';
import { contentHash } from './content-hash.js';
import { transformerConfigFromDefinitions } from './crd-definitions.js';
import { generate } from './generators.js';
import { inflateHelmCharts, type HelmOptions } from './helm-charts.js';
import { setImages } from './images.js';
import { findKustomizationFile, parseKustomization, type KustomizationFile } from './kustomization-file.js';
import type { PatchEntry, Replacement } from './kustomization-types.js';
import { FileLoader, isDirectory, type LoadRestrictor } from './loader.js';
import { SchemaRegistry, type RawSchema } from './merge-schema.js';
import { addCommonAnnotations, addCommonLabels, addLabels, addNameAffixes, setNamespace } from './metadata-transformers.js';
import { fixNameReferences } from './name-references.js';
import { applyPatch, parsePatch, type LoadedPatch, type NoMatchPolicy } from './patches.js';
import { readResources } from './read-resources.js';
import { applyReplacements } from './replacements.js';
import { setReplicas } from './replicas.js';
import { ResourceMap } from './resource-map.js';
import { Resource } from './resource.js';
import { legacySort } from './sort.js';
import { bindVars, resolveVars, type BoundVar } from './vars.js';
import { defaultTransformerConfig, mergeTransformerConfig, parseTransformerConfig, type TransformerConfig } from './transformer-config.js';

/**
 * A hook for `resources:` entries that are kcc sources rather than files, written "kcc:app" or
 * "kcc:chart/<name>". kcc projects resolve them to the app's or a chart's objects.
 */
export type SourceResolver = (reference: string, fromDir: string) => Promise<TrackedObject[]>;

export interface BuildOptions {
  /** 'rootOnly' (default) refuses files outside each kustomization's directory. */
  loadRestrictor?: LoadRestrictor;
  resolveSource?: SourceResolver;
  /** Make a patch whose target selects nothing an error (kustomize, and kcc by default, apply it to nothing). */
  strict?: boolean;
  /** `--enable-helm`: render `helmCharts` entries with helm, as kustomize does. */
  helm?: HelmOptions;
}

export interface BuildResult {
  objects: TrackedObject[];
  /** What was built but may not be what was meant: patches that selected nothing. */
  warnings: string[];
  /** The same warnings with their location, field and hint (for SARIF and other CI reports). */
  warningDetails: KccError[];
}

/**
 * `kustomize build DIR`. The pipeline, per kustomization, in kustomize's order:
 *   1. resources (files, nested kustomizations, kcc sources), then components;
 *   2. generators: configMapGenerator, secretGenerator (create, merge into or replace a base's),
 *      helmCharts (with --enable-helm);
 *   3. transformers: patchesStrategicMerge, patches, namespace, namePrefix/nameSuffix, labels and
 *      commonLabels, commonAnnotations, patchesJson6902, replicas, images, replacements;
 * and once, for the top kustomization: content-hash suffixes, name-reference rewriting, sorting.
 */
export async function buildKustomization(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const build = new KustomizeBuild(options);
  const root = resolve(dir);
  const { map, file, config, vars } = await build.accumulate(root, [], 'Kustomization');
  const resources = map.resources;
  const top = relative(process.cwd(), root) || '.';
  for (const resource of resources) {
    if (!resource.generated?.hashSuffix) continue;
    resource.rememberId();
    resource.object.metadata.name = `${resource.object.metadata.name}-${contentHash(resource.object)}`;
    resource.touch(`${top}: name suffix hash`);
  }
  fixNameReferences(resources, `${top}: name references`, config.nameReference);
  resolveVars(vars, resources, config.varReference, `${top}: vars`);
  for (const resource of resources) dropEmptyAnnotations(resource);
  const sort = file.kustomization.sortOptions;
  let ordered = resources;
  if (!sort || sort.order === 'legacy') ordered = legacySort(resources, sort?.legacySortOptions?.orderFirst, sort?.legacySortOptions?.orderLast);
  else if (sort.order !== 'fifo') throw new KccError(`sortOptions.order must be legacy or fifo, not '${sort.order}'`, { location: file.locate(['sortOptions', 'order']), field: 'sortOptions.order' });
  return { objects: ordered.map((resource) => resource.tracked), warnings: build.warningDetails.map(warningLine), warningDetails: build.warningDetails };
}

/** What a kustomization (and the components it includes) accumulates: objects and configuration. */
interface Accumulated {
  map: ResourceMap;
  config: TransformerConfig;
  vars: BoundVar[];
}

class KustomizeBuild {
  readonly schemas = new SchemaRegistry();
  readonly warningDetails: KccError[] = [];
  /** Real trees patch objects that only some variants hold, so by default this is a warning. */
  readonly noMatch: NoMatchPolicy = (error) => {
    if (this.options.strict) throw error;
    this.warningDetails.push(error);
  };
  constructor(readonly options: BuildOptions) {}

  async accumulate(
    dir: string,
    chain: string[],
    expectedKind: 'Kustomization' | 'Component',
    into?: Accumulated,
  ): Promise<{ map: ResourceMap; file: KustomizationFile; config: TransformerConfig; vars: BoundVar[] }> {
    const real = safeRealpath(dir);
    if (chain.includes(real)) {
      const cycle = [...chain.slice(chain.indexOf(real)), real].map((d) => relative(process.cwd(), d) || '.');
      throw new KccError(`kustomizations form a cycle: ${cycle.join(' -> ')}`, { hint: 'a kustomization cannot include itself, directly or through its bases' });
    }
    const fileName = findKustomizationFile(dir);
    if (!fileName) throw new KccError(`no kustomization.yaml in ${dir}`, { hint: 'a directory listed in resources must hold a kustomization.yaml' });
    const label = relative(process.cwd(), fileName) || fileName;
    const file = parseKustomization(readFileSync(fileName, 'utf8'), label, dir);
    const k = file.kustomization;
    const kind = k.kind ?? 'Kustomization';
    if (expectedKind === 'Component' && kind !== 'Component') {
      throw new KccError(`${relative(process.cwd(), fileName)} is listed in components but its kind is ${kind}`, { location: file.locate(['kind']), hint: 'set kind: Component (apiVersion: kustomize.config.k8s.io/v1alpha1)' });
    }
    if (expectedKind === 'Kustomization' && kind === 'Component') {
      throw new KccError(`${relative(process.cwd(), fileName)} is a Component; list it under components, not resources`, { location: file.locate(['kind']) });
    }
    const loader = new FileLoader(dir, this.options.loadRestrictor ?? 'rootOnly');
    const map = into?.map ?? new ResourceMap();
    // A component shares its parent's configuration; a base's flows up when it is merged.
    const accumulated: Accumulated = into ?? { map, config: defaultTransformerConfig(), vars: [] };
    const nextChain = [...chain, real];
    const step = (name: string): string => `${label}: ${name}`;

    // 1. resources, then components
    const entries = [...(k.resources ?? []).map((r, i) => ({ r, at: ['resources', i] })), ...(k.bases ?? []).map((r, i) => ({ r, at: ['bases', i] }))];
    for (const { r, at } of entries) {
      const where = file.locate(at);
      const loaded = await this.loadResource(r, dir, nextChain, loader, where, accumulated);
      for (const resource of loaded) {
        if (resource.object.kind === 'CustomResourceDefinition') this.schemas.registerCrd(resource.object);
      }
      map.appendAll(loaded);
    }
    for (const [index, component] of (k.components ?? []).entries()) {
      const path = resolve(dir, component);
      if (!isDirectory(path)) throw new KccError(`component '${component}' is not a directory`, { location: file.locate(['components', index]), field: 'components' });
      await this.accumulate(path, nextChain, 'Component', accumulated);
    }
    for (const [index, entry] of (k.configurations ?? []).entries()) {
      const where = file.locate(['configurations', index]);
      const { file: path, text } = loader.readText(entry, where, 'configurations');
      accumulated.config = mergeTransformerConfig(accumulated.config, parseTransformerConfig(text, relative(process.cwd(), path) || path, where));
    }
    if (k.openapi) this.registerOpenApi(k.openapi, loader, file);
    for (const [index, entry] of (k.crds ?? []).entries()) {
      const where = file.locate(['crds', index]);
      const { file: path, text } = loader.readText(entry, where, 'crds');
      accumulated.config = mergeTransformerConfig(accumulated.config, transformerConfigFromDefinitions(text, relative(process.cwd(), path) || path, where));
    }
    const config = accumulated.config;

    // 2. generators
    for (const [kindName, list] of [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]] as const) {
      for (const [index, args] of (list ?? []).entries()) {
        const field = `${kindName === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'}[${index}]`;
        const where = file.locate([kindName === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator', index]);
        absorbGenerated(map, generate(kindName, args, k.generatorOptions, loader, where, field, step(field)), where);
      }
    }

    if (k.helmCharts?.length) {
      const locate = (index: number, field?: string): SourceLocation => file.locate(field ? ['helmCharts', index, field] : ['helmCharts', index]);
      map.appendAll(inflateHelmCharts(k.helmCharts, k.helmGlobals, this.options.helm, loader, locate));
    }

    for (const [index, entry] of (k.generators ?? []).entries()) {
      const where = file.locate(['generators', index]);
      const context = this.pluginContext(map, loader, where, step(`generators[${index}]`));
      for (const config of readPluginConfigs(entry, 'generators', loader, where)) runPlugin(config, 'generators', context);
    }

    // 3. transformers, in kustomize's order
    for (const [index, entry] of (k.patchesStrategicMerge ?? []).entries()) {
      const where = file.locate(['patchesStrategicMerge', index]);
      const inline = entry.includes('\n') || /^\s*(apiVersion|kind|metadata)\s*:/.test(entry);
      const text = inline ? entry : loader.readText(entry, where, 'patchesStrategicMerge').text;
      const patch = parsePatch(text, where, inline ? `patchesStrategicMerge[${index}]` : `'${entry}'`, undefined);
      if (patch.type !== 'strategic') throw new KccError(`patchesStrategicMerge[${index}] is a JSON 6902 patch; list it under patches with a target`, { location: where });
      applyPatch(map, patch, this.schemas, step('patchesStrategicMerge'), this.noMatch);
    }
    for (const [index, entry] of (k.patches ?? []).entries()) {
      const where = file.locate(['patches', index]);
      applyPatch(map, this.loadPatch(entry, index, 'patches', loader, where), this.schemas, step('patches'), this.noMatch);
    }
    if (k.namespace) setNamespace(map.resources, k.namespace, step('namespace'), config.namespace);
    if (k.namePrefix || k.nameSuffix) addNameAffixes(map.resources, k.namePrefix ?? '', k.nameSuffix ?? '', step('namePrefix/nameSuffix'));
    for (const entry of k.labels ?? []) addLabels(map.resources, entry, step('labels'), config.commonLabels, config.templateLabels);
    if (k.commonLabels) addCommonLabels(map.resources, k.commonLabels, step('commonLabels'), config.commonLabels);
    if (k.commonAnnotations) addCommonAnnotations(map.resources, k.commonAnnotations, step('commonAnnotations'), config.commonAnnotations);
    for (const [index, entry] of (k.patchesJson6902 ?? []).entries()) {
      const where = file.locate(['patchesJson6902', index]);
      const patch = this.loadPatch(entry, index, 'patchesJson6902', loader, where);
      if (patch.type !== 'json6902') throw new KccError(`patchesJson6902[${index}] is not a list of JSON 6902 operations`, { location: where });
      applyPatch(map, patch, this.schemas, step('patchesJson6902'), this.noMatch);
    }
    if (k.replicas?.length) setReplicas(map.resources, k.replicas, file.locate(['replicas']), step('replicas'));
    if (k.images?.length) setImages(map.resources, k.images, step('images'));
    if (k.replacements?.length) {
      const replacements = k.replacements.flatMap((entry, index) => this.loadReplacements(entry, index, loader, file));
      applyReplacements(map.resources, replacements, file.locate(['replacements']), step('replacements'));
    }
    // 4. transformer plugins run after the fields' transformers, as in kustomize
    for (const [index, entry] of (k.transformers ?? []).entries()) {
      const where = file.locate(['transformers', index]);
      const context = this.pluginContext(map, loader, where, step(`transformers[${index}]`));
      for (const plugin of readPluginConfigs(entry, 'transformers', loader, where)) runPlugin(plugin, 'transformers', context);
    }
    // 5. vars are bound to their objects here, and resolved once everything is built
    accumulated.vars.push(...bindVars(k.vars ?? [], map.resources, accumulated.vars, (index) => file.locate(['vars', index])));
    return { map, file, config, vars: accumulated.vars };
  }

  /** `openapi: {path}` adds a schema document; `{version}` names one of kustomize's built-in schemas, which kcc replaces by its pinned one. */
  private registerOpenApi(openapi: { path?: string; version?: string }, loader: FileLoader, file: KustomizationFile): void {
    if (openapi.version !== undefined && openapi.path === undefined) {
      this.warningDetails.push(new KccError(`openapi.version '${openapi.version}' is ignored: kcc merges built-in kinds with the schema of its pinned Kubernetes version`, { location: file.locate(['openapi', 'version']), field: 'openapi.version' }));
      return;
    }
    const where = file.locate(['openapi', 'path']);
    if (!openapi.path) throw new KccError('openapi needs path (a schema file) or version', { location: where, field: 'openapi' });
    const { file: path, text } = loader.readText(openapi.path, where, 'openapi.path');
    const doc = parseDocument(text);
    const value = doc.toJS() as { definitions?: Record<string, RawSchema>; components?: { schemas?: Record<string, RawSchema> } } | null;
    if (doc.errors.length || !value || typeof value !== 'object' || (!value.definitions && !value.components?.schemas)) {
      throw new KccError(`${relative(process.cwd(), path) || path} is not an OpenAPI document`, {
        location: where,
        field: 'openapi.path',
        hint: 'give a Swagger 2.0 (definitions) or OpenAPI 3 (components.schemas) document, e.g. from `kubectl get --raw /openapi/v2`',
      });
    }
    this.schemas.registerOpenApi(value);
  }

  private pluginContext(map: ResourceMap, loader: FileLoader, where: SourceLocation, step: string): PluginContext {
    return {
      resources: () => map.resources,
      loader,
      where,
      step,
      applyPatch: (patch) => applyPatch(map, patch, this.schemas, step, this.noMatch),
      loadPatch: (entry, label) => this.loadPatch(entry, 0, label, loader, where),
      absorbGenerated: (generated) => absorbGenerated(map, generated, where),
    };
  }

  private async loadResource(
    entry: string,
    dir: string,
    chain: string[],
    loader: FileLoader,
    where: SourceLocation,
    parent: Accumulated,
  ): Promise<Resource[]> {
    if (entry.startsWith('kcc:')) {
      if (!this.options.resolveSource) throw new KccError(`'${entry}' names a kcc source, which only a kcc project (kcc.yaml) can provide`, { location: where, field: 'resources' });
      const objects = await this.options.resolveSource(entry.slice(4), dir);
      // The same TrackedObjects, edited in place: the caller knows which source each came from.
      return objects.map((tracked) => new Resource(tracked));
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || entry.startsWith('github.com/') || entry.startsWith('git@')) {
      throw new KccError(`remote resource '${entry}' is not supported`, { location: where, field: 'resources', hint: 'vendor the remote kustomization into the repository and reference it by path' });
    }
    const path = resolve(dir, entry);
    if (isDirectory(path)) {
      const { map, config, vars } = await this.accumulate(path, chain, 'Kustomization');
      parent.config = mergeTransformerConfig(parent.config, config);
      for (const bound of vars) {
        if (parent.vars.some((other) => other.name === bound.name)) {
          throw new KccError(`var '${bound.name}' is declared twice`, { location: bound.where, field: 'vars' });
        }
        parent.vars.push(bound);
      }
      return map.resources;
    }
    const { file, text } = loader.readText(entry, where, 'resources');
    return readResources(text, relative(process.cwd(), file) || file);
  }

  private loadPatch(entry: PatchEntry, index: number, field: string, loader: FileLoader, where: SourceLocation): LoadedPatch {
    if (entry.path && entry.patch) throw new KccError(`${field}[${index}] has both path and patch; use one`, { location: where, field });
    if (!entry.path && !entry.patch) throw new KccError(`${field}[${index}] needs path or patch`, { location: where, field });
    const text = entry.patch ?? loader.readText(entry.path!, where, `${field}[${index}].path`).text;
    return parsePatch(text, where, entry.path ? `'${entry.path}'` : `${field}[${index}]`, entry.target, entry.options);
  }

  private loadReplacements(entry: Replacement, index: number, loader: FileLoader, file: KustomizationFile): Replacement[] {
    if (!entry.path) return [entry];
    const where = file.locate(['replacements', index, 'path']);
    const { file: path, text } = loader.readText(entry.path, where, 'replacements.path');
    // A file holds one replacement per document, or a list of them.
    const replacements: Replacement[] = [];
    for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
      if (doc.errors.length) throw new KccError(`cannot parse ${path}: ${doc.errors[0]!.message.split('\n')[0]}`, { location: where });
      const value = doc.toJS() as unknown;
      if (value === null || value === undefined) continue;
      const items = Array.isArray(value) ? value : [value];
      if (items.some((item) => !item || typeof item !== 'object' || Array.isArray(item))) {
        throw new KccError(`${path} must hold replacement objects`, { location: where });
      }
      replacements.push(...(items as Replacement[]));
    }
    return replacements;
  }
}

/** kustomize rewrites every object's annotations when it strips its own, which drops a null or empty map. */
function dropEmptyAnnotations(resource: Resource): void {
  const metadata = resource.object.metadata as { annotations?: Record<string, string> | null };
  if (metadata.annotations === null || (metadata.annotations && Object.keys(metadata.annotations).length === 0)) delete metadata.annotations;
}

/** "file:line: message", the form `kcc build` prints a warning in. */
function warningLine(warning: KccError): string {
  const where = warning.location?.kind === 'yaml' && warning.location.line ? `${warning.location.file}:${warning.location.line}: ` : '';
  return `${where}${warning.message}`;
}

function safeRealpath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}
