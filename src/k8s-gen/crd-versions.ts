import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import type { OpenApiSchema } from '../schema/generate/openapi-definitions.js';

/** One served version of a CustomResourceDefinition: what `kcc import` turns into a class. */
export interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** `certificates.cert-manager.io`. */
  crdName: string;
  /** The version's openAPIV3Schema; undefined when the CRD gives none. */
  schema?: OpenApiSchema;
  /** True when the schema says nothing about the object's fields: the kind gets an open type. */
  open: boolean;
  /** Another served version of the same CRD to use instead (the storage version) when this one is deprecated. */
  deprecatedBy?: string;
}

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string; plural?: string };
  versions?: { name?: string; served?: boolean; storage?: boolean; deprecated?: boolean; schema?: { openAPIV3Schema?: OpenApiSchema } }[];
}

export function isCrd(object: KubeObject | undefined): boolean {
  return object?.kind === 'CustomResourceDefinition' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('apiextensions.k8s.io/');
}

/**
 * The served versions of a CRD. Versions the API server does not serve are left out (nobody can
 * write them); a version without a structural schema is kept, with a warning, as an open type.
 */
export function crdVersionsOf(crd: KubeObject, location: SourceLocation | undefined, warn: (message: string) => void): CrdVersion[] {
  if (crd.apiVersion !== CRD_API_VERSION) {
    throw new KccError(`CustomResourceDefinition ${crd.metadata?.name ?? ''} is ${crd.apiVersion}; kcc imports ${CRD_API_VERSION} only`, {
      location,
      hint: 'apiextensions.k8s.io/v1beta1 was removed in Kubernetes 1.22: use the v1 CRD its project publishes',
    });
  }
  const spec = crd.spec as CrdSpec | undefined;
  const kind = spec?.names?.kind;
  const plural = spec?.names?.plural;
  const name = crd.metadata?.name ?? `${plural}.${spec?.group}`;
  const missing = !spec?.group ? 'spec.group' : !kind ? 'spec.names.kind' : !plural ? 'spec.names.plural' : !spec.versions?.length ? 'spec.versions' : undefined;
  if (missing) throw new KccError(`CustomResourceDefinition ${name} has no ${missing}`, { location, field: missing, hint: 'a CRD needs a group, names.kind, names.plural and at least one version' });
  const served = spec!.versions!.filter((v) => v.name && v.served !== false);
  const storage = served.find((v) => v.storage)?.name;
  const versions: CrdVersion[] = [];
  for (const version of served) {
    const schema = version.schema?.openAPIV3Schema;
    const open = !schema || !hasDeclaredFields(schema);
    if (open) {
      warn(`${name} ${version.name}: no structural schema (${schema ? 'it preserves unknown fields and declares none' : 'no openAPIV3Schema'}); ${kind} gets an open type and is not validated`);
    }
    versions.push({
      group: spec!.group!,
      version: version.name!,
      kind: kind!,
      plural: plural!,
      namespaced: spec!.scope !== 'Cluster',
      crdName: name,
      schema,
      open,
      deprecatedBy: version.deprecated && storage && storage !== version.name ? `${spec!.group}/${storage}` : undefined,
    });
  }
  return versions;
}

/** A schema that declares at least one field of the object besides apiVersion, kind and metadata. */
function hasDeclaredFields(schema: OpenApiSchema): boolean {
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  return properties.some((p) => !['apiVersion', 'kind', 'metadata'].includes(p));
}
