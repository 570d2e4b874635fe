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

/** Creates the release namespace when missing: the lock and records live there. */
export async function ensureNamespace(client: KubeClient, namespace: string, applySetId?: string): Promise<void> {
  // 403: a user with rights inside the namespace only may not read Namespace objects; it exists then.
  const found = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, { accept: [403, 404] });
  if (found.status !== 404) return;
  // Labelled as a member, so a configuration that also declares it updates it rather than adopting
  // a stranger; it is never pruned or destroyed (it holds the history), see apply-release.ts.
  const labels = applySetId ? { [APPLYSET_PART_OF_LABEL]: applySetId } : undefined;
  await client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } }, { accept: [409] });
}
