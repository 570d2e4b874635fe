import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { KccError } from '../core/errors.js';

/** Where to connect and how to prove who we are, ready for https.request options. */
export interface ClusterCredentials {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  headers: Record<string, string>;
}

/**
 * Reads a kubeconfig's current (or chosen) context. The common forms (certificates and keys
 * inline or in files, bearer tokens) are read here directly, because loading
 * @kubernetes/client-node costs 1-3 s of module loading on every command; anything else (exec
 * plugins, auth providers, basic auth) is handed to its KubeConfig, which knows them all.
 */
export async function loadCredentials(path: string | undefined, context?: string): Promise<ClusterCredentials> {
  const file = path ?? process.env.KUBECONFIG?.split(':').find(Boolean) ?? join(homedir(), '.kube', 'config');
  let config: any;
  try {
    config = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new KccError(`cannot read kubeconfig ${file}: ${(error as Error).message}`, { hint: 'pass --kubeconfig, or start a cluster with kcc cluster up', exitCode: 2 });
  }
  const contextName = context ?? config?.['current-context'];
  const ctx = (config?.contexts ?? []).find((c: any) => c.name === contextName)?.context;
  if (!ctx) {
    throw new KccError(context ? `kubeconfig ${file} has no context "${context}"` : `kubeconfig ${file} has no current context`, {
      hint: `contexts: ${(config?.contexts ?? []).map((c: any) => c.name).join(', ') || 'none'}; pass --context`,
      exitCode: 2,
    });
  }
  const cluster = (config.clusters ?? []).find((c: any) => c.name === ctx.cluster)?.cluster;
  const user = (config.users ?? []).find((u: any) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new KccError(`kubeconfig ${file}: context "${contextName}" names no cluster with a server`, { exitCode: 2 });
  if (user.exec || user['auth-provider'] || user.username || user.tokenFile) return viaClientNode(file, contextName);
  const base = dirname(file);
  const read = (data: string | undefined, fileField: string | undefined): Buffer | undefined => {
    if (data) return Buffer.from(data, 'base64');
    if (fileField) return readFileSync(isAbsolute(fileField) ? fileField : join(base, fileField));
    return undefined;
  };
  const headers: Record<string, string> = {};
  if (user.token) headers.Authorization = `Bearer ${user.token}`;
  return {
    server: cluster.server,
    ca: read(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: read(user['client-certificate-data'], user['client-certificate']),
    key: read(user['client-key-data'], user['client-key']),
    rejectUnauthorized: !cluster['insecure-skip-tls-verify'],
    headers,
  };
}

async function viaClientNode(file: string, context: string): Promise<ClusterCredentials> {
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  config.loadFromFile(file);
  config.setCurrentContext(context);
  const options: { ca?: Buffer; cert?: Buffer; key?: Buffer; rejectUnauthorized?: boolean; headers?: Record<string, string> } = {};
  await config.applyToHTTPSOptions(options as never);
  return {
    server: config.getCurrentCluster()!.server,
    ca: options.ca,
    cert: options.cert,
    key: options.key,
    rejectUnauthorized: options.rejectUnauthorized ?? true,
    headers: options.headers ?? {},
  };
}
