import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, readKubernetesPin } from '../cluster/controlplane-pin.js';

/** What the REST API calls a kind: its plural resource name and whether it lives in a namespace. */
export interface ApiResource {
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

type ApiResourceTable = Record<string, ApiResource>;

export function snapshotDir(version = readKubernetesPin().kubernetes): string {
  return join(packageRoot, 'schemas', 'openapi', version);
}

export const API_RESOURCES_FILE = 'api-resources.json';

interface OpenApiOperation {
  'x-kubernetes-action'?: string;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string };
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation | unknown>>;
}

// A collection path: /api/v1/pods, /apis/apps/v1/namespaces/{namespace}/deployments.
// Paths holding {name} are single objects or subresources, and watch paths are legacy aliases.
const COLLECTION_PATH = /^\/apis?\/(?:[^/]+\/)?[^/]+\/(?:namespaces\/\{namespace\}\/)?([a-z0-9.-]+)$/;

/**
 * Derives the resource table from OpenAPI v3 documents: each collection path's operations carry
 * the group-version-kind they serve; a kind is namespaced when one of its paths has {namespace}.
 */
export function deriveApiResources(documents: OpenApiDocument[]): ApiResourceTable {
  const table: ApiResourceTable = {};
  for (const document of documents) {
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      if (path.includes('{name}') || path.includes('/watch/')) continue;
      const match = COLLECTION_PATH.exec(path);
      if (!match) continue;
      for (const operation of Object.values(operations) as OpenApiOperation[]) {
        const gvk = operation?.['x-kubernetes-group-version-kind'];
        const action = operation?.['x-kubernetes-action'];
        if (!gvk || (action !== 'post' && action !== 'list')) continue;
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        const key = `${apiVersion}/${gvk.kind}`;
        const namespaced = path.includes('/namespaces/{namespace}/');
        const existing = table[key];
        table[key] = { apiVersion, kind: gvk.kind, plural: match[1]!, namespaced: namespaced || (existing?.namespaced ?? false) };
      }
    }
  }
  return Object.fromEntries(Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function readOpenApiV3Documents(dir: string): OpenApiDocument[] {
  const v3 = join(dir, 'v3');
  return readdirSync(v3)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(v3, file), 'utf8')) as OpenApiDocument);
}

let table: ApiResourceTable | undefined;
const extraResources: ApiResourceTable = {};

function loadTable(): ApiResourceTable {
  if (table) return table;
  const dir = snapshotDir();
  const file = join(dir, API_RESOURCES_FILE);
  table = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ApiResourceTable) : deriveApiResources(readOpenApiV3Documents(dir));
  return table;
}

/** Makes kinds defined by CustomResourceDefinitions (or discovered from a live cluster) known. */
export function registerApiResource(resource: ApiResource): void {
  extraResources[`${resource.apiVersion}/${resource.kind}`] = resource;
}

export function findResource(apiVersion: string, kind: string): ApiResource | undefined {
  const key = `${apiVersion}/${kind}`;
  return extraResources[key] ?? loadTable()[key];
}

/** Built-in kinds of any version, to answer scope questions for kinds given without a version. */
export function findResourceByKind(kind: string, group?: string): ApiResource | undefined {
  for (const resource of [...Object.values(extraResources), ...Object.values(loadTable())]) {
    if (resource.kind !== kind) continue;
    const resourceGroup = resource.apiVersion.includes('/') ? resource.apiVersion.split('/')[0] : '';
    if (group === undefined || group === resourceGroup) return resource;
  }
  return undefined;
}

/**
 * Whether objects of this kind live in a namespace. Unknown kinds (custom resources with no CRD
 * in sight) are assumed namespaced, as kubectl and kustomize do.
 */
export function isNamespaced(apiVersion: string, kind: string): boolean {
  return (findResource(apiVersion, kind) ?? findResourceByKind(kind, apiVersion.includes('/') ? apiVersion.split('/')[0] : ''))?.namespaced ?? true;
}
