import type { KubeObject } from '../core/kube-object.js';
import { KccError } from '../core/errors.js';
import { readManifestPaths } from './read-manifests.js';
import type { ValidationIssue } from './validation-issue.js';

/** CustomResourceDefinitions from outside the validated input, and what went wrong reading them. */
export interface ExternalCrds {
  crds: KubeObject[];
  issues: ValidationIssue[];
}

function isCrd(object: KubeObject | undefined): object is KubeObject {
  return object?.apiVersion === 'apiextensions.k8s.io/v1' && object.kind === 'CustomResourceDefinition';
}

/**
 * The CRDs in files and directories (`kcc validate --crds DIR`): directories are walked as for
 * the manifests; other objects in them are ignored, syntax errors are reported like the input's.
 */
export async function readCrdFiles(paths: string[]): Promise<ExternalCrds> {
  const read = await readManifestPaths(paths);
  const crds = read.objects.map(({ object }) => object).filter(isCrd);
  if (crds.length === 0 && read.issues.length === 0) {
    throw new KccError(`no CustomResourceDefinition (apiextensions.k8s.io/v1) in ${paths.join(', ')}`, { hint: 'pass the directory or files that hold the CRDs of your custom resources' });
  }
  return { crds, issues: read.issues };
}

/** The small part of a cluster client this needs (engine/kube-client.ts's KubeClient has it). */
export interface CrdReader {
  get<T>(path: string): Promise<{ status: number; body: T }>;
}

/** Every CRD the cluster serves (`kcc validate --from-cluster`): one read-only LIST. */
export async function readClusterCrds(client: CrdReader): Promise<ExternalCrds> {
  const response = await client.get<{ items?: KubeObject[] }>('/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  const items = (response.body.items ?? []).map((crd) => ({ ...crd, apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }));
  return { crds: items, issues: [] };
}
