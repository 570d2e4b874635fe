import { KccError } from '../core/errors.js';
import { fieldPathParts, fieldSpecSelects, visitFieldPath } from './field-path.js';
import { NAME_REFERENCE_RULES, type NameReferenceRule } from './name-reference-rules.js';
import { formatResId, isClusterScoped, type ResId } from './res-id.js';
import type { Resource } from './resource.js';

/**
 * After every rename (prefix, suffix, content hash), fields that name another object still hold
 * the old name. For each such field (NAME_REFERENCE_RULES), find the one object of the referenced
 * kind that used to have that name and is visible from the referrer's namespace, and write its
 * new name (and, for RBAC subjects and webhook services, its namespace).
 */
export function fixNameReferences(resources: Resource[], step: string, rules: NameReferenceRule[] = NAME_REFERENCE_RULES): void {
  const byKind = new Map<string, Resource[]>();
  for (const resource of resources) {
    for (const kind of new Set(resource.allIds().map((id) => id.kind))) {
      const list = byKind.get(kind) ?? [];
      list.push(resource);
      byKind.set(kind, list);
    }
  }
  // Per rule, the objects it could point at, indexed by every name they have had.
  const referrals = rules.map((rule) => {
    const byName = new Map<string, Resource[]>();
    const all: Resource[] = [];
    for (const candidate of byKind.get(rule.referral.kind) ?? []) {
      if (!candidate.allIds().some((id) => selectsReferral(rule, id))) continue;
      all.push(candidate);
      for (const name of new Set(candidate.previousIds.map((id) => id.name))) byName.set(name, [...(byName.get(name) ?? []), candidate]);
    }
    return { rule, byName, all };
  }).filter((entry) => entry.all.length > 0);
  for (const referrer of resources) {
    const referrerId = referrer.currentId();
    for (const { rule, byName: candidates, all } of referrals) {
      for (const spec of rule.referrers) {
        if (!fieldSpecSelects(spec, referrerId)) continue;
        visitFieldPath(referrer.object, fieldPathParts(spec.path), false, (parent, key) => {
          const value = parent[key];
          if (typeof value === 'string') {
            const isRoleRef = spec.path === 'roleRef/name';
            const roleKind = isRoleRef ? (parent.kind as string | undefined) : undefined;
            const found = pick(candidates, value, referrer, referrerId, roleKind, undefined);
            if (found && found.object.metadata.name !== value) {
              parent[key] = found.object.metadata.name;
              referrer.touch(step);
            }
          } else if (Array.isArray(value)) {
            value.forEach((item, index) => {
              if (typeof item === 'string') {
                const found = pick(candidates, item, referrer, referrerId, undefined, undefined);
                if (found && found.object.metadata.name !== item) {
                  value[index] = found.object.metadata.name;
                  referrer.touch(step);
                }
              } else if (item && typeof item === 'object') fixNamedMap(item as Record<string, unknown>, rule, candidates, all, referrer, referrerId, step);
            });
          } else if (value && typeof value === 'object') fixNamedMap(value as Record<string, unknown>, rule, candidates, all, referrer, referrerId, step);
        });
      }
    }
  }
}

/**
 * `{ name, namespace }` references (RBAC subjects, webhook services): both fields follow. In a
 * namespaced referrer a reference without a namespace means the referrer's own (as kustomize reads
 * it), and it is matched even when the object was never renamed, so that its namespace gets written.
 */
function fixNamedMap(
  map: Record<string, unknown>,
  rule: NameReferenceRule,
  candidates: Map<string, Resource[]>,
  all: Resource[],
  referrer: Resource,
  referrerId: ResId,
  step: string,
): void {
  if (typeof map.name !== 'string') return;
  if (map.kind !== undefined && map.kind !== rule.referral.kind) return;
  let namespace = typeof map.namespace === 'string' ? map.namespace : undefined;
  let pool = candidates;
  if (namespace === undefined && !isClusterScoped(referrerId)) {
    namespace = referrerId.namespace || 'default';
    pool = new Map([[map.name, all.filter((candidate) => candidate.allIds().some((id) => id.name === map.name))]]);
  }
  const found = pick(pool, map.name, referrer, referrerId, undefined, namespace);
  if (!found) return;
  const { name, namespace: newNamespace } = found.object.metadata;
  if (map.name !== name || (newNamespace !== undefined && map.namespace !== newNamespace)) {
    map.name = name;
    if (newNamespace !== undefined) map.namespace = newNamespace;
    referrer.touch(step);
  }
}

function selectsReferral(rule: NameReferenceRule, id: ResId): boolean {
  const r = rule.referral;
  return id.kind === r.kind && (r.group === undefined || r.group === id.group) && (r.version === undefined || r.version === id.version);
}

function pick(candidates: Map<string, Resource[]>, oldName: string, referrer: Resource, referrerId: ResId, roleKind: string | undefined, namespace: string | undefined): Resource | undefined {
  let matches = (candidates.get(oldName) ?? []).filter((c) => c !== referrer);
  if (roleKind) matches = matches.filter((c) => c.currentId().kind === roleKind);
  if (namespace !== undefined) matches = matches.filter((c) => c.allIds().some((id) => id.namespace === namespace || (namespace === 'default' && id.namespace === '')));
  else if (!isClusterScoped(referrerId)) {
    matches = matches.filter((c) => {
      const id = c.currentId();
      return isClusterScoped(id) || id.kind === 'ServiceAccount' || sameNamespace(id, referrerId);
    });
  }
  if (matches.length <= 1) return matches[0];
  const names = new Set(matches.map((m) => m.object.metadata.name));
  if (names.size === 1) return matches[0];
  throw new KccError(`the name '${oldName}' in ${formatResId(referrerId)} could refer to several objects: ${matches.map((m) => formatResId(m.currentId())).join(', ')}`, {
    location: referrer.tracked.source,
    hint: 'give the objects distinct names or put them in different namespaces',
  });
}

function sameNamespace(a: ResId, b: ResId): boolean {
  const ns = (id: ResId): string => (id.namespace === '' ? 'default' : id.namespace);
  return ns(a) === ns(b);
}

