import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { isSemanticVersion, isValidConstraint } from './semver-constraint.js';

/** A dependency entry of Chart.yaml: a subchart rendered along with its parent. */
export interface ChartDependency {
  name: string;
  /** A semver constraint the subchart's version must satisfy, e.g. "^7.0.0" or ">=1.2, <2". */
  version?: string;
  /** Where the subchart lives: "file://../redis", or empty for charts/<name>. Remote repositories must be vendored into charts/. */
  repository?: string;
  /** Values paths, comma-separated; the first that holds a boolean enables or disables the subchart. */
  condition?: string;
  tags?: string[];
  /** The name the subchart is known by: its values key and its Chart.Name. */
  alias?: string;
}

/** Chart.yaml, as Helm defines it (apiVersion v2). */
export interface ChartMetadata {
  apiVersion: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  kubeVersion?: string;
  /** `library` charts only provide named templates to other charts. @default "application" */
  type: 'application' | 'library';
  dependencies: ChartDependency[];
  keywords?: string[];
  home?: string;
  icon?: string;
}

const NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

/** Checks a parsed Chart.yaml and fills in defaults; every problem is a KccError at the file. */
export function toChartMetadata(raw: unknown, file: string): ChartMetadata {
  const location: SourceLocation = { kind: 'yaml', file };
  const fail = (field: string, message: string): never => {
    throw new KccError(message, { location, field });
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('', 'Chart.yaml must be a map with name and version');
  const data = raw as Record<string, unknown>;
  const text = (field: string, required = false): string | undefined => {
    const value = data[field];
    if (value === undefined || value === null) return required ? fail(field, `${field} is required`) : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return fail(field, `${field} must be a string`);
    return String(value);
  };
  const apiVersion = text('apiVersion') ?? 'v2';
  if (apiVersion !== 'v2') fail('apiVersion', `chart apiVersion "${apiVersion}" is not supported; use v2`);
  const name = text('name', true)!;
  if (!NAME.test(name)) fail('name', `chart name "${name}" must be lowercase letters, digits, "-", "_" and "."`);
  const version = text('version', true)!;
  if (!isSemanticVersion(version)) fail('version', `version "${version}" is not a semantic version (e.g. 1.2.3)`);
  const type = text('type') ?? 'application';
  if (type !== 'application' && type !== 'library') fail('type', `type must be "application" or "library", not "${type}"`);
  const kubeVersion = text('kubeVersion');
  if (kubeVersion !== undefined && !isValidConstraint(kubeVersion)) fail('kubeVersion', `kubeVersion "${kubeVersion}" is not a version constraint`);
  const rawDependencies = data.dependencies ?? [];
  if (!Array.isArray(rawDependencies)) fail('dependencies', 'dependencies must be a list');
  const dependencies = (rawDependencies as unknown[]).map((entry, index) => toDependency(entry, `dependencies[${index}]`, fail));
  const keywords = Array.isArray(data.keywords) ? data.keywords.map(String) : undefined;
  return { apiVersion, name, version, appVersion: text('appVersion'), description: text('description'), kubeVersion, type: type as ChartMetadata['type'], dependencies, keywords, home: text('home'), icon: text('icon') };
}

function toDependency(entry: unknown, field: string, fail: (field: string, message: string) => never): ChartDependency {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return fail(field, 'a dependency must be a map with name and version');
  const data = entry as Record<string, unknown>;
  if (typeof data.name !== 'string' || !data.name) return fail(`${field}.name`, 'a dependency needs a name');
  const optional = (key: string): string | undefined => (data[key] === undefined || data[key] === null ? undefined : String(data[key]));
  const version = optional('version');
  if (version !== undefined && !isValidConstraint(version)) fail(`${field}.version`, `"${version}" is not a version constraint`);
  return {
    name: data.name,
    version,
    repository: optional('repository'),
    condition: optional('condition'),
    alias: optional('alias'),
    tags: Array.isArray(data.tags) ? data.tags.map(String) : undefined,
  };
}
