import { createHash } from 'node:crypto';

/**
 * ApplySet labels and annotations (KEP-3659), so kcc's pruning and kubectl agree on membership:
 * a parent object (here a Secret beside the release records) carries the id and the list of
 * group-kinds it contains; every member carries the `part-of` label with the same id. Pruning
 * lists only objects with that label, so nothing kcc did not create can be deleted.
 */
export const APPLYSET_ID_LABEL = 'applyset.kubernetes.io/id';
export const APPLYSET_PART_OF_LABEL = 'applyset.kubernetes.io/part-of';
export const APPLYSET_TOOLING_ANNOTATION = 'applyset.kubernetes.io/tooling';
export const APPLYSET_GROUP_KINDS_ANNOTATION = 'applyset.kubernetes.io/contains-group-kinds';
export const APPLYSET_NAMESPACES_ANNOTATION = 'applyset.kubernetes.io/additional-namespaces';
export const APPLYSET_TOOLING = 'kcc/v1';

export function applySetParentName(release: string): string {
  return `kcc-applyset-${release}`;
}

/**
 * The id the KEP defines: "applyset-" + base64url(sha256("<name>.<namespace>.<kind>.<group>")) + "-v1",
 * so any tool can recompute it from the parent's identity.
 */
export function applySetId(parentName: string, parentNamespace: string, kind = 'Secret', group = ''): string {
  const digest = createHash('sha256').update(`${parentName}.${parentNamespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${digest}-v1`;
}

/** Reads the comma-separated lists the parent's annotations hold. */
export function parseList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The parent Secret for a release; `groupKinds` and `namespaces` are what its members span. */
export function applySetParent(release: string, namespace: string, groupKinds: Iterable<string>, namespaces: Iterable<string>): object {
  const name = applySetParentName(release);
  const extraNamespaces = [...new Set(namespaces)].filter((ns) => ns && ns !== namespace).sort();
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kcc.dev/applyset',
    metadata: {
      name,
      namespace,
      labels: { [APPLYSET_ID_LABEL]: applySetId(name, namespace), 'kcc.dev/release': release },
      annotations: {
        [APPLYSET_TOOLING_ANNOTATION]: APPLYSET_TOOLING,
        [APPLYSET_GROUP_KINDS_ANNOTATION]: [...new Set(groupKinds)].sort().join(','),
        [APPLYSET_NAMESPACES_ANNOTATION]: extraNamespaces.join(','),
      },
    },
  };
}
