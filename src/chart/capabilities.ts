import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_RESOURCES_FILE, deriveApiResources, readOpenApiV3Documents, snapshotDir } from '../schema/api-resources.js';
import { splitKubeVersion } from './semver-constraint.js';

/** A list that also answers `Capabilities.APIVersions.Has "apps/v1"` as in Helm templates. */
export type ApiVersionList = string[] & { Has: (version: string) => boolean };

/**
 * Helm's `.Capabilities` for the Kubernetes release kcc targets (the control-plane pin).
 * APIVersions lists "group/version" and "group/version/Kind" for every built-in kind; it is read
 * from the OpenAPI snapshot only when a template asks.
 */
export function buildCapabilities(kubeVersion: string, kubeVersionDir?: string): Record<string, unknown> {
  // Printed as a whole ({{Capabilities.KubeVersion}}) it reads as the version, as in Helm;
  // toString is not enumerable so toYaml/toJson of it show only the fields.
  const version = splitKubeVersion(kubeVersion);
  Object.defineProperty(version, 'toString', { value: () => kubeVersion, enumerable: false });
  let apiVersions: ApiVersionList | undefined;
  return {
    KubeVersion: version,
    get APIVersions(): ApiVersionList {
      apiVersions ??= loadApiVersions(kubeVersionDir ?? kubeVersion);
      return apiVersions;
    },
    HelmVersion: { Version: 'v3.17.0' },
  };
}

function loadApiVersions(kubeVersion: string): ApiVersionList {
  const entries = new Set<string>();
  try {
    const dir = snapshotDir(kubeVersion);
    const file = join(dir, API_RESOURCES_FILE);
    const table = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, { apiVersion: string; kind: string }>) : deriveApiResources(readOpenApiV3Documents(dir));
    for (const resource of Object.values(table)) {
      entries.add(resource.apiVersion);
      entries.add(`${resource.apiVersion}/${resource.kind}`);
    }
  } catch {
    // No snapshot (e.g. a trimmed install): templates then see only the core group.
    entries.add('v1');
  }
  const list = [...entries].sort() as ApiVersionList;
  Object.defineProperty(list, 'Has', { value: (version: string) => entries.has(version), enumerable: false });
  return list;
}
