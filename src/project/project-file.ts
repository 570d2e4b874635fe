import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { KccError, KccErrors } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';

/** kcc.yaml, as described by schemas/kcc.schema.json (editors complete it from there). */
export interface Project {
  name?: string;
  app?: string;
  charts?: ChartSource[];
  overlays?: string;
  overlay?: string;
  defaultEnvironment?: string;
  /** Overlay builds refuse a patch that selects nothing (kcc build --strict). */
  strict?: boolean;
  environments?: Record<string, Environment>;
}

export interface ChartSource {
  name: string;
  path: string;
  releaseName?: string;
  namespace?: string;
  values?: Record<string, unknown>;
  valueFiles?: string[];
}

export interface Environment {
  description?: string;
  overlay?: string;
  namespace?: string;
  values?: Record<string, Record<string, unknown>>;
  valueFiles?: Record<string, string[]>;
  cluster?: ClusterTarget;
}

export interface ClusterTarget {
  provider: 'local' | 'kind' | 'minikube' | 'kubeconfig';
  name?: string;
  context?: string;
  kubeconfig?: string;
  /** local provider: control-plane binaries to use instead of building them. */
  binaries?: Partial<Record<'controlplane' | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok', string>>;
  /** local provider: simulated nodes. @default 1 */
  nodes?: number;
}

export interface LoadedProject {
  dir: string;
  file: string;
  project: Project;
  locate(path: (string | number)[]): SourceLocation;
}

export const PROJECT_FILE = 'kcc.yaml';
export const PROJECT_SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schemas', 'kcc.schema.json');

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(readFileSync(PROJECT_SCHEMA_FILE, 'utf8')) as object);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

export function hasProjectFile(dir: string): boolean {
  return existsSync(join(dir, PROJECT_FILE));
}

/** Reads and validates kcc.yaml; every schema violation is reported with its file:line. */
export function loadProject(dir: string): LoadedProject {
  const root = resolve(dir);
  const file = join(root, PROJECT_FILE);
  if (!existsSync(file)) throw new KccError(`no ${PROJECT_FILE} in ${root}`, { hint: 'run kcc init to create a project' });
  return parseProject(readFileSync(file, 'utf8'), file);
}

export function parseProject(text: string, file: string): LoadedProject {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): SourceLocation =>
    offset === undefined ? { kind: 'yaml', file } : { kind: 'yaml', file, line: lineCounter.linePos(offset).line, column: lineCounter.linePos(offset).col };
  if (doc.errors.length) throw new KccError(`malformed ${PROJECT_FILE}: ${doc.errors[0]!.message.split('\n')[0]}`, { location: at(doc.errors[0]!.pos[0]) });
  const locate = (path: (string | number)[]): SourceLocation => locateIn(doc, path, at);
  const value = (doc.toJS() ?? {}) as unknown;
  const errors = validate(value);
  if (errors.length) {
    const list = errors.filter((e) => e.keyword !== 'if').map((error) => toKccError(error, locate));
    if (list.length === 1) throw list[0]!;
    throw new KccErrors(`${list.length} problems in ${PROJECT_FILE}`, list);
  }
  return { dir: dirname(file), file, project: value as Project, locate };
}

function toKccError(error: ErrorObject, locate: (path: (string | number)[]) => SourceLocation): KccError {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let message = error.message ?? 'is invalid';
  let field = path.join('.');
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    path.push(extra);
    field = path.join('.');
    message = `unknown field '${extra}'`;
  } else if (error.keyword === 'enum') {
    message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  } else if (error.keyword === 'required') {
    message = `missing required field '${(error.params as { missingProperty: string }).missingProperty}'`;
  }
  return new KccError(message, { location: locate(path), field: field || undefined });
}

function locateIn(doc: Document, path: (string | number)[], at: (offset: number | undefined) => SourceLocation): SourceLocation {
  for (let length = path.length; length > 0; length--) {
    const parentPath = path.slice(0, length - 1);
    const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
    const items = (parent as { items?: { key?: { value?: unknown; range?: number[] }; range?: number[] }[] } | undefined)?.items;
    const key = path[length - 1];
    if (items && typeof key === 'string') {
      const pair = items.find((item) => item.key?.value === key);
      if (pair?.key?.range) return at(pair.key.range[0]);
    }
    const node = doc.getIn(path.slice(0, length), true) as { range?: number[] } | undefined;
    if (node?.range) return at(node.range[0]);
  }
  return at((doc.contents as { range?: number[] } | null)?.range?.[0]);
}
