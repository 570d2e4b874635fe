import { gunzipSync, gzipSync } from 'node:zlib';
import { KccError } from '../core/errors.js';
import type { ApiRequester } from './api-requester.js';
import type { ReleaseRecord, ReleaseStore } from './release-record.js';

/** The Secret type that marks kcc release records; `kubectl get secrets --field-selector type=...` finds them. */
export const RELEASE_SECRET_TYPE = 'kcc.dev/release.v1';
export const RELEASE_LABEL = 'kcc.dev/release';
export const REVISION_LABEL = 'kcc.dev/revision';
export const STATUS_LABEL = 'kcc.dev/status';
export const OWNER_LABEL = 'kcc.dev/owner';

/** "kcc.release.v1.web.v3": sorts and reads well in `kubectl get secrets`. */
export function releaseSecretName(release: string, revision: number): string {
  return `kcc.release.v1.${release}.v${revision}`;
}

/**
 * Release records as Secrets, one per revision, in the release's namespace. The record is JSON,
 * gzipped (manifests compress ~10×, and a Secret holds at most 1 MiB) and base64-encoded as Secret
 * data always is. Labels carry release, revision and status so listing needs no decoding to filter.
 */
export class SecretReleaseStore implements ReleaseStore {
  constructor(private readonly client: ApiRequester, private readonly namespace: string) {}

  private collection(): string {
    return `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/secrets`;
  }

  async list(release: string): Promise<ReleaseRecord[]> {
    const selector = encodeURIComponent(`${OWNER_LABEL}=kcc,${RELEASE_LABEL}=${release}`);
    const response = await this.client.get<{ items: any[] }>(`${this.collection()}?labelSelector=${selector}`);
    return response.body.items
      .filter((secret) => secret.type === RELEASE_SECRET_TYPE)
      .map(decodeRecord)
      .sort((a, b) => a.revision - b.revision);
  }

  async get(release: string, revision: number): Promise<ReleaseRecord | undefined> {
    const response = await this.client.get(`${this.collection()}/${releaseSecretName(release, revision)}`, { accept: [404] });
    return response.status === 404 ? undefined : decodeRecord(response.body);
  }

  async create(record: ReleaseRecord): Promise<void> {
    await this.client.request('POST', this.collection(), encodeRecord(record));
  }

  async update(record: ReleaseRecord): Promise<void> {
    await this.client.request('PUT', `${this.collection()}/${releaseSecretName(record.release, record.revision)}`, encodeRecord(record));
  }

  async delete(release: string, revision: number): Promise<void> {
    await this.client.request('DELETE', `${this.collection()}/${releaseSecretName(release, revision)}`, undefined, { accept: [404] });
  }
}

// A Secret holds at most 1 MiB; leave room for metadata.
const MAX_RECORD_BYTES = 1000 * 1024;

function encodeRecord(record: ReleaseRecord): object {
  const data = gzipSync(JSON.stringify(record)).toString('base64');
  if (data.length > MAX_RECORD_BYTES) {
    throw new KccError(`release "${record.release}" revision ${record.revision} is too large to record: ${Math.round(data.length / 1024)} KiB compressed, a Secret holds 1 MiB`, {
      hint: 'split the configuration into several releases (for example one per chart or namespace)',
      exitCode: 2,
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: RELEASE_SECRET_TYPE,
    metadata: {
      name: releaseSecretName(record.release, record.revision),
      namespace: record.namespace,
      labels: { [OWNER_LABEL]: 'kcc', [RELEASE_LABEL]: record.release, [REVISION_LABEL]: String(record.revision), [STATUS_LABEL]: record.status },
    },
    data: { release: data },
  };
}

function decodeRecord(secret: any): ReleaseRecord {
  return JSON.parse(gunzipSync(Buffer.from(secret.data.release, 'base64')).toString('utf8')) as ReleaseRecord;
}
