import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import { fieldPathParts, fieldSpecSelects, visitFieldPath } from './field-path.js';
import type { FieldSpec, Var } from './kustomization-types.js';
import { formatResId } from './res-id.js';
import type { Resource } from './resource.js';

/**
 * kustomize's `vars` (deprecated there in favour of replacements, still common in real trees).
 * A var is bound, where it is declared, to the one object its objref names (by any name the
 * object has had); once everything is built and renamed, `$(NAME)` in the varReference fields
 * becomes the value at the var's fieldpath in that object as it finally is.
 */
export interface BoundVar {
  name: string;
  fieldPath: string;
  resource: Resource;
  where: SourceLocation;
}

/** Where kustomize substitutes vars by default (builtinpluginconsts/varreference.go). */
const CONTAINER_FIELDS = ['args', 'command', 'env/value', 'volumeMounts/mountPath'];
const podSpecs: [string, string][] = [
  ['CronJob', 'spec/jobTemplate/spec/template/spec'],
  ['DaemonSet', 'spec/template/spec'],
  ['Deployment', 'spec/template/spec'],
  ['Job', 'spec/template/spec'],
  ['Pod', 'spec'],
  ['ReplicaSet', 'spec/template/spec'],
  ['StatefulSet', 'spec/template/spec'],
];
export const VAR_REFERENCES: FieldSpec[] = [
  ...podSpecs.flatMap(([kind, spec]) => [
    ...['containers', 'initContainers'].flatMap((list) => CONTAINER_FIELDS.map((field) => ({ kind, path: `${spec}/${list}/${field}` }))),
    ...(kind === 'StatefulSet' ? [] : [{ kind, path: `${spec}/volumes/nfs/server` }]),
  ]),
  { kind: 'StatefulSet', path: 'spec/volumeClaimTemplates/spec/nfs/server' },
  { kind: 'Ingress', path: 'spec/rules/host' },
  { kind: 'Ingress', path: 'spec/tls/hosts' },
  { kind: 'Ingress', path: 'spec/tls/secretName' },
  { kind: 'Service', path: 'spec/ports/port' },
  { kind: 'Service', path: 'spec/ports/targetPort' },
  { kind: 'PersistentVolume', path: 'spec/nfs/server' },
  { path: 'metadata/labels' },
  { path: 'metadata/annotations' },
];

export function bindVars(vars: Var[], resources: Resource[], already: BoundVar[], where: (index: number) => SourceLocation): BoundVar[] {
  return vars.map((v, index) => {
    const at = where(index);
    if (!v.name) throw new KccError(`vars[${index}] needs a name`, { location: at, field: 'vars' });
    if (already.some((bound) => bound.name === v.name)) throw new KccError(`var '${v.name}' is declared twice`, { location: at, field: 'vars' });
    const ref = v.objref ?? {};
    const [apiGroup, apiVersion] = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/') : [undefined, ref.apiVersion];
    const group = ref.group ?? apiGroup;
    const version = ref.version ?? apiVersion;
    const matches = resources.filter((resource) =>
      resource.allIds().some(
        (id) =>
          id.kind === ref.kind &&
          id.name === ref.name &&
          (group === undefined || id.group === group) &&
          (version === undefined || id.version === version) &&
          (ref.namespace === undefined || id.namespace === ref.namespace),
      ),
    );
    if (matches.length !== 1) {
      const found = matches.length ? `${matches.length} objects: ${matches.map((m) => formatResId(m.currentId())).join(', ')}` : 'no object';
      throw new KccError(`var '${v.name}' names ${ref.kind}/${ref.name}, which matches ${found}`, { location: at, field: 'vars' });
    }
    return { name: v.name, fieldPath: v.fieldref?.fieldpath || 'metadata.name', resource: matches[0]!, where: at };
  });
}

/** Replaces $(NAME) in every varReference field; a field that is exactly $(NAME) takes the value's type. */
export function resolveVars(bound: BoundVar[], resources: Resource[], specs: FieldSpec[], step: string): void {
  if (!bound.length) return;
  const values = new Map(bound.map((v) => [v.name, valueAt(v)]));
  const expand = (text: string): unknown => {
    const whole = /^\$\(([^)]*)\)$/.exec(text);
    if (whole && values.has(whole[1]!)) return values.get(whole[1]!);
    return expandText(text, values);
  };
  for (const resource of resources) {
    const id = resource.currentId();
    let touched = false;
    for (const spec of specs) {
      if (!fieldSpecSelects(spec, id)) continue;
      visitFieldPath(resource.object, fieldPathParts(spec.path), false, (parent, key) => {
        const value = parent[key];
        const replace = (text: string): unknown => {
          const result = expand(text);
          if (result !== text) touched = true;
          return result;
        };
        if (typeof value === 'string') parent[key] = replace(value);
        else if (Array.isArray(value)) parent[key] = value.map((item) => (typeof item === 'string' ? replace(item) : item));
        else if (value && typeof value === 'object') {
          for (const [k, item] of Object.entries(value)) if (typeof item === 'string') (value as Record<string, unknown>)[k] = replace(item);
        }
      });
    }
    if (touched) resource.touch(step);
  }
}

/** Kubernetes' $(VAR) expansion: `$$` is a literal `$`, an unknown $(VAR) stays as written. */
function expandText(text: string, values: Map<string, unknown>): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char !== '$' || i + 1 >= text.length) {
      out += char;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = text.indexOf(')', i + 2);
      if (close < 0) {
        out += text.slice(i);
        break;
      }
      const name = text.slice(i + 2, close);
      out += values.has(name) ? String(values.get(name)) : text.slice(i, close + 1);
      i = close;
    } else out += char;
  }
  return out;
}

function valueAt(bound: BoundVar): unknown {
  let node: unknown = bound.resource.object;
  for (const part of bound.fieldPath.split('.')) {
    const match = /^([^[\]]*)((\[\d+\])*)$/.exec(part);
    const key = match?.[1] ?? part;
    if (key) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    for (const index of (match?.[2] ?? '').matchAll(/\[(\d+)\]/g)) node = Array.isArray(node) ? node[Number(index[1])] : undefined;
  }
  if (node === undefined || (typeof node === 'object' && node !== null)) {
    throw new KccError(`var '${bound.name}': ${formatResId(bound.resource.currentId())} has no scalar at ${bound.fieldPath}`, { location: bound.where, field: 'vars' });
  }
  return node;
}
