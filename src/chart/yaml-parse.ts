import type { Document } from 'yaml';
import { yamlLibrary } from '../schema/lazy-yaml.js';

/**
 * YAML as Kubernetes tooling reads it. kubectl and Helm decode manifests with YAML 1.1 rules
 * (go-yaml v2): `0755` is an octal number, `yes`/`on` are booleans. They never turn text into
 * timestamps and have no base-60 numbers ("1:30" stays a string), so those two YAML 1.1 types are
 * left out here.
 */
const parseOptions = {
  version: '1.1' as const,
  uniqueKeys: true,
  customTags: (tags: unknown[]) => tags.filter((tag) => {
    const t = tag as { tag?: string; format?: string };
    return t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME';
  }) as never,
};

export function parseYamlDocument(text: string): Document.Parsed {
  return yamlLibrary().parseDocument(text, parseOptions);
}

export function parseYamlDocuments(text: string): Document.Parsed[] {
  return yamlLibrary().parseAllDocuments(text, parseOptions) as Document.Parsed[];
}

/** One YAML value in Kubernetes' reading; throws the parser's first error. */
export function parseYaml(text: string): unknown {
  const document = parseYamlDocument(text);
  if (document.errors.length) throw document.errors[0];
  return document.toJS({ maxAliasCount: 100 });
}
