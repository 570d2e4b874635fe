import { existsSync, readFileSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { KccError } from '../core/errors.js';
import type { ClusterCredentials } from './kubeconfig-credentials.js';

/** Where the kubelet mounts a pod's service-account token, its cluster's CA and its namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface InClusterEnvironment {
  env?: NodeJS.ProcessEnv;
  /** @default SERVICE_ACCOUNT_DIR */
  serviceAccountDir?: string;
}

/**
 * True inside a pod whose service account token is mounted: the two variables the kubelet sets
 * for the `kubernetes` Service, and the token file (client-go's InClusterConfig asks the same).
 */
export function isInCluster(environment: InClusterEnvironment = {}): boolean {
  const env = environment.env ?? process.env;
  const dir = environment.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  return Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT && existsSync(join(dir, 'token')));
}

/**
 * Credentials of the pod's service account, as client-go builds them: https to
 * KUBERNETES_SERVICE_HOST:KUBERNETES_SERVICE_PORT, verified with ca.crt, the token as a bearer
 * token re-read from its file (the kubelet rotates projected tokens, so a long apply must not keep
 * the first one), and the pod's namespace.
 */
export function inClusterCredentials(environment: InClusterEnvironment = {}): ClusterCredentials {
  const env = environment.env ?? process.env;
  const dir = environment.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) {
    throw new KccError('no kubeconfig found, and not inside a cluster (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set)', { exitCode: 2 });
  }
  const tokenFile = join(dir, 'token');
  const caFile = join(dir, 'ca.crt');
  const namespaceFile = join(dir, 'namespace');
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new KccError(`in-cluster configuration: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        hint: 'is a service account token mounted? (automountServiceAccountToken)',
        exitCode: 2,
      });
    }
  };
  read(tokenFile);
  const namespace = existsSync(namespaceFile) ? read(namespaceFile).toString('utf8').trim() || undefined : undefined;
  return {
    server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`,
    ca: read(caFile),
    rejectUnauthorized: true,
    headers: {},
    bearerTokenFile: tokenFile,
    namespace,
  };
}
