import { KccError } from '../core/errors.js';
import { SecretReleaseStore, type ReleaseStore } from '../release/index.js';
import { APPLYSET_PART_OF_LABEL, applySetId, applySetParentName } from './apply-set.js';
import type { EngineListener } from './engine-events.js';
import { KubeClient } from './kube-client.js';
import { ResourcePaths } from './resource-paths.js';

/** Everything the engine's actions share about one release in one cluster. */
export interface ReleaseContext {
  client: KubeClient;
  paths: ResourcePaths;
  store: ReleaseStore;
  release: string;
  /** Namespace of the release records, lock and ApplySet parent; default for namespaced objects. */
  namespace: string;
  applySetId: string;
  onEvent?: EngineListener;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/;

export function assertReleaseName(name: string): void {
  if (!RELEASE_NAME.test(name)) {
    throw new KccError(`invalid release name "${name}"`, { hint: 'use 1-53 lowercase letters, digits and "-", starting and ending with a letter or digit' });
  }
}

export function createReleaseContext(client: KubeClient, release: string, namespace: string, onEvent?: EngineListener, store?: ReleaseStore): ReleaseContext {
  assertReleaseName(release);
  return {
    client,
    paths: new ResourcePaths(client),
    store: store ?? new SecretReleaseStore(client, namespace),
    release,
    namespace,
    applySetId: applySetId(applySetParentName(release), namespace),
    onEvent,
  };
}

/**
 * The release namespace must exist before the lock, which lives in it. Created only when the
 * configuration declares it (labelled as a member: the apply then manages it) or with
 * --create-namespace (outside the release: never pruned or destroyed). Otherwise the apply is
 * refused before anything is written, as Helm does without --create-namespace. Returns whether
 * this call created it.
 */
export async function ensureReleaseNamespace(client: KubeClient, namespace: string, options: { declared: boolean; create?: boolean; applySetId: string; release: string; /** Runs first when the namespace must be created: a check that may refuse. */ beforeCreate?: () => Promise<void> }): Promise<boolean> {
  // 403: a user with rights inside the namespace only may not read Namespace objects; it exists then.
  const found = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, { accept: [403, 404] });
  if (found.status !== 404) return false;
  if (!options.declared && !options.create) {
    throw new KccError(`namespace "${namespace}" does not exist; the release records and lock live there. Nothing was written`, {
      hint: `re-run with --create-namespace, declare a Namespace "${namespace}" in the configuration, or choose another --namespace`,
    });
  }
  await options.beforeCreate?.();
  const created = options.declared
    ? await client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { [APPLYSET_PART_OF_LABEL]: options.applySetId } } }, { accept: [409] })
    : await createNamespace(client, namespace, { release: options.release });
  return created.status !== 409;
}

/** A namespace made by --create-namespace: annotated with the release that made it, not a member. */
export async function createNamespace(client: KubeClient, name: string, options: { release: string }) {
  return client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, annotations: { [CREATED_BY_ANNOTATION]: options.release } } }, { accept: [409] });
}

/** On namespaces --create-namespace made: which release made them. */
export const CREATED_BY_ANNOTATION = 'kcc.dev/created-by-release';
