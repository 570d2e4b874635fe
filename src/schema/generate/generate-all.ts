import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deriveApiResources, readOpenApiV3Documents } from '../api-resources.js';
import type { SchemaIndex } from '../schema-store.js';
import { isStableVersion, supersedingVersion, versionPriority } from '../api-lifecycle.js';
import { buildKindSchema } from './kind-schema.js';
import { apiVersionOf, gvksOf, packageOf, readOpenApiDefinitions, type OpenApiDefinitions } from './openapi-definitions.js';
import { chooseFlatExports, generateIndexModule, generateTypeScriptModule, type GeneratedKind } from './typescript-module.js';
import { typeNaming } from './typescript-types.js';

/** Output directories relative to the repository root. */
export const SCHEMA_DIR = 'schemas/k8s';
export const TYPESCRIPT_DIR = 'src/k8s';

/** "Deployment", "apps-v1" -> "deployment-apps-v1.json"; core kinds drop the group: "pod-v1.json". */
export function schemaFileName(kind: GeneratedKind): string {
  const stem = kind.group === '' ? kind.version : kind.stem;
  return `${kind.kind.toLowerCase()}-${stem}.json`;
}

/** Every kind the API server serves, matched to the definition that describes it. */
export function servedKinds(definitions: OpenApiDefinitions, snapshotDir: string): GeneratedKind[] {
  const resources = deriveApiResources(readOpenApiV3Documents(snapshotDir));
  const kinds: GeneratedKind[] = [];
  for (const [definition, schema] of definitions.schemas) {
    const gvks = gvksOf(schema);
    if (gvks.length !== 1) continue;
    const { group, version, kind } = gvks[0]!;
    const apiVersion = apiVersionOf(group, version);
    const resource = resources[`${apiVersion}/${kind}`];
    if (!resource) continue;
    const pkg = definitions.packages.get(packageOf(definition))!;
    kinds.push({ definition, apiVersion, group, version, kind, stem: pkg.stem, namespaced: resource.namespaced });
  }
  for (const kind of kinds) kind.deprecatedBy = supersedingVersion(kind.group, kind.version, kind.kind, kinds);
  return kinds.sort((a, b) => (a.apiVersion + '/' + a.kind < b.apiVersion + '/' + b.kind ? -1 : 1));
}

/**
 * Generates everything `npm run gen` writes, as a map from repository-relative path to content.
 * Pure and deterministic: the regeneration test compares this map with the committed files.
 */
export async function generateAll(snapshotDir: string, kubernetesVersion: string): Promise<Map<string, string>> {
  const definitions = readOpenApiDefinitions(snapshotDir);
  const kinds = servedKinds(definitions, snapshotDir);
  const files = new Map<string, string>();

  const index: SchemaIndex = { kubernetes: kubernetesVersion, kinds: {} };
  for (const kind of kinds) {
    const file = schemaFileName(kind);
    const schema = buildKindSchema(definitions, { definition: kind.definition, apiVersion: kind.apiVersion, kind: kind.kind, namespaced: kind.namespaced, deprecatedBy: kind.deprecatedBy });
    files.set(`${SCHEMA_DIR}/${file}`, JSON.stringify(schema) + '\n');
    index.kinds[`${kind.apiVersion}/${kind.kind}`] = { file, namespaced: kind.namespaced, ...(kind.deprecatedBy ? { deprecatedBy: kind.deprecatedBy } : {}) };
  }
  files.set(`${SCHEMA_DIR}/index.json`, JSON.stringify(index, null, 1) + '\n');

  const naming = typeNaming(definitions, new Set(kinds.map((k) => k.definition)));
  const byStem = new Map<string, { apiVersion: string; definitions: string[] }>();
  for (const [definition] of definitions.schemas) {
    // List types are API responses, never written by users.
    if (definition.endsWith('List') && gvksOf(definitions.schemas.get(definition)!).length === 1) continue;
    const pkg = definitions.packages.get(packageOf(definition))!;
    const entry = byStem.get(pkg.stem) ?? { apiVersion: pkg.stem === 'meta-v1' ? 'meta/v1 (apimachinery)' : apiVersionOf(pkg.group, pkg.version), definitions: [] };
    entry.definitions.push(definition);
    byStem.set(pkg.stem, entry);
  }
  const stems = [...byStem.keys()].sort();
  for (const stem of stems) {
    const entry = byStem.get(stem)!;
    const moduleKinds = kinds.filter((k) => k.stem === stem);
    const text = await generateTypeScriptModule(definitions, naming, { stem, apiVersion: entry.apiVersion, definitions: entry.definitions, kinds: moduleKinds, kubernetesVersion });
    files.set(`${TYPESCRIPT_DIR}/${stem}.ts`, text);
  }
  const flatTypes = new Map(['core-v1', 'meta-v1'].map((stem) => [stem, (byStem.get(stem)?.definitions ?? []).map((d) => naming.localName(d))]));
  files.set(`${TYPESCRIPT_DIR}/index.ts`, generateIndexModule(stems, chooseFlatExports(kinds, isStableVersion, versionPriority), flatTypes, kubernetesVersion));
  return files;
}

/** Replaces the generated directories with the given files (stale files of removed kinds go). */
export function writeGenerated(root: string, files: Map<string, string>): void {
  for (const dir of [SCHEMA_DIR, TYPESCRIPT_DIR]) {
    const absolute = join(root, dir);
    mkdirSync(absolute, { recursive: true });
    for (const name of readdirSync(absolute)) {
      if (!files.has(`${dir}/${name}`)) rmSync(join(absolute, name), { recursive: true, force: true });
    }
  }
  for (const [path, content] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
