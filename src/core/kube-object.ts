/**
 * The one data type that flows through kcc: a plain Kubernetes object, plus where it came from.
 * Every pipeline stage (sources, overlays, validation, apply) takes and returns TrackedObject[].
 */

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** A Kubernetes object as it appears in a manifest. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export type SourceKind = 'typescript' | 'template' | 'yaml' | 'generated';

/** Where an object was written: a TS file:line, a chart template line, a YAML node. */
export interface SourceLocation {
  kind: SourceKind;
  file: string;
  line?: number;
  column?: number;
}

export interface TrackedObject {
  object: KubeObject;
  source: SourceLocation;
  /** Names of the overlay steps that changed this object, in order (e.g. "overlays/dev: namePrefix"). */
  touchedBy: string[];
}

export function track(object: KubeObject, source: SourceLocation): TrackedObject {
  return { object, source, touchedBy: [] };
}

/** "apps/v1" -> "apps"; "v1" -> "" (the core group). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

/** "Deployment.apps" or "Service" (core group): the group-kind key kubectl and ApplySets use. */
export function groupKind(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const group = groupOf(object.apiVersion);
  return group ? `${object.kind}.${group}` : object.kind;
}

/** A readable identity for messages: "Deployment/web" or "Deployment/prod/web". */
export function describeObject(object: Pick<KubeObject, 'kind' | 'metadata'>): string {
  const ns = object.metadata?.namespace;
  const name = object.metadata?.name ?? object.metadata?.generateName ?? '<unnamed>';
  return ns ? `${object.kind}/${ns}/${name}` : `${object.kind}/${name}`;
}

/** A key unique per object in a cluster: group, kind, namespace and name. */
export function objectKey(object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): string {
  return `${groupKind(object)}|${object.metadata?.namespace ?? ''}|${object.metadata?.name ?? ''}`;
}

export function formatLocation(source: SourceLocation | undefined): string {
  if (!source) return '';
  let text = source.file;
  if (source.line !== undefined) text += `:${source.line}`;
  if (source.line !== undefined && source.column !== undefined) text += `:${source.column}`;
  return text;
}
