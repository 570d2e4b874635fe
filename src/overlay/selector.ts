import { KccError } from '../core/errors.js';
import type { SourceLocation } from '../core/kube-object.js';
import type { Selector } from './kustomization-types.js';
import { effectiveNamespace } from './res-id.js';
import type { Resource } from './resource.js';

/**
 * Patch and replacement targets. Group, version, kind, name and namespace are regular expressions
 * anchored at both ends; name and namespace match either the object's original or current value;
 * labelSelector and annotationSelector use Kubernetes label-selector syntax.
 */
export class ResourceSelector {
  private readonly patterns: Partial<Record<'group' | 'version' | 'kind' | 'name' | 'namespace', RegExp>> = {};
  private readonly labels?: Requirement[];
  private readonly annotations?: Requirement[];

  constructor(
    readonly selector: Selector,
    where: SourceLocation,
  ) {
    for (const field of ['group', 'version', 'kind', 'name', 'namespace'] as const) {
      const value = selector[field];
      if (value === undefined || value === '') continue;
      try {
        this.patterns[field] = new RegExp(`^(?:${value})$`);
      } catch (error) {
        throw new KccError(`target ${field} '${value}' is not a valid regular expression: ${(error as Error).message}`, { location: where, field: `target.${field}` });
      }
    }
    if (selector.labelSelector) this.labels = parseLabelSelector(selector.labelSelector, where);
    if (selector.annotationSelector) this.annotations = parseLabelSelector(selector.annotationSelector, where);
  }

  matches(resource: Resource): boolean {
    const current = resource.currentId();
    const original = resource.originalId();
    const p = this.patterns;
    if (p.namespace && !p.namespace.test(effectiveNamespace(original)) && !p.namespace.test(effectiveNamespace(current))) return false;
    if (p.name && !p.name.test(original.name) && !p.name.test(current.name)) return false;
    if (p.group && !p.group.test(current.group)) return false;
    if (p.version && !p.version.test(current.version)) return false;
    if (p.kind && !p.kind.test(current.kind)) return false;
    if (this.labels && !matchesRequirements(this.labels, resource.object.metadata?.labels ?? {})) return false;
    if (this.annotations && !matchesRequirements(this.annotations, resource.object.metadata?.annotations ?? {})) return false;
    return true;
  }

  describe(): string {
    return describeSelector(this.selector);
  }
}

export function describeSelector(selector: Selector): string {
  return Object.entries(selector)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}

interface Requirement {
  key: string;
  operator: 'in' | 'notin' | 'exists' | 'doesnotexist' | '=' | '!=';
  values: string[];
}

/** "app=web,tier in (a,b),!legacy,env!=dev" */
export function parseLabelSelector(text: string, where: SourceLocation): Requirement[] {
  const requirements: Requirement[] = [];
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  for (const raw of parts) {
    const part = raw.trim();
    if (!part) continue;
    let match: RegExpExecArray | null;
    if ((match = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part))) {
      requirements.push({ key: match[1]!, operator: match[2] as 'in' | 'notin', values: match[3]!.split(',').map((v) => v.trim()) });
    } else if ((match = /^([^\s!=()]+)\s*(==|=|!=)\s*([^\s,()]*)$/.exec(part))) {
      requirements.push({ key: match[1]!, operator: match[2] === '!=' ? '!=' : '=', values: [match[3]!] });
    } else if ((match = /^!\s*([^\s!=()]+)$/.exec(part))) {
      requirements.push({ key: match[1]!, operator: 'doesnotexist', values: [] });
    } else if ((match = /^([^\s!=()]+)$/.exec(part))) {
      requirements.push({ key: match[1]!, operator: 'exists', values: [] });
    } else {
      throw new KccError(`cannot parse selector '${text}' near '${part}'`, { location: where });
    }
  }
  return requirements;
}

function matchesRequirements(requirements: Requirement[], labels: Record<string, string>): boolean {
  return requirements.every(({ key, operator, values }) => {
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const value = has ? String(labels[key]) : undefined;
    switch (operator) {
      case 'exists':
        return has;
      case 'doesnotexist':
        return !has;
      case '=':
      case 'in':
        return has && values.includes(value!);
      case '!=':
      case 'notin':
        return !has || !values.includes(value!);
    }
  });
}
