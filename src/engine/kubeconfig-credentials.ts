import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { KccError } from '../core/errors.js';
import { ExecCredentialSource, type ExecClusterInfo, type ExecConfig } from './exec-credential.js';
import { inClusterCredentials, isInCluster, type InClusterEnvironment } from './in-cluster-config.js';
import { proxyFromEnvironment } from './proxy-from-environment.js';
import {
  kubeconfigError,
  kubeconfigFiles,
  mergeKubeconfigFiles,
  resolveContext,
  type KubeconfigEnvironment,
  type ResolvedContext,
} from './kubeconfig-loader.js';

/** Where to connect and how to prove who we are, ready for https.request options. */
export interface ClusterCredentials {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  headers: Record<string, string>;
  /** The cluster's `proxy-url`: requests go through this HTTP(S) proxy (CONNECT for https servers). */
  proxyUrl?: string;
  /** The cluster's `tls-server-name`: the name sent in SNI and checked against the server's certificate. */
  tlsServerName?: string;
  /** A bearer token file (`tokenFile`, the in-cluster token), re-read while the client runs. */
  bearerTokenFile?: string;
  /**
   * Headers from an exec plugin or auth provider, asked before each request: a cached token
   * answers until it expires, then the plugin runs again (an EKS token lasts 15 minutes).
   */
  authenticate?: () => Promise<Record<string, string>>;
  /** Drops a cached exec credential after the server answered 401, so the next request gets a new one. */
  invalidate?: () => void;
  /** The context's namespace (in a pod: the pod's namespace). */
  namespace?: string;
}

export type CredentialsEnvironment = KubeconfigEnvironment & InClusterEnvironment;

/**
 * Credentials the way kubectl finds them: `path` alone if given; else every file in $KUBECONFIG
 * merged (first file to set a name or current-context wins); else ~/.kube/config; else, when no
 * kubeconfig exists and the process runs in a pod, the pod's service account. Without a
 * `proxy-url`, HTTPS_PROXY/HTTP_PROXY and NO_PROXY apply as they do for kubectl.
 *
 * The common forms (certificates and keys inline or in files, tokens, token files, basic auth,
 * impersonation, exec plugins) are handled here directly, because loading @kubernetes/client-node
 * costs 1-3 s of module loading on every command; auth providers are handed to its KubeConfig.
 */
export async function loadCredentials(path: string | undefined, context?: string, environment: CredentialsEnvironment = {}): Promise<ClusterCredentials> {
  const credentials = await findCredentials(path, context, environment);
  if (!credentials.proxyUrl) credentials.proxyUrl = checkedEnvironmentProxy(credentials.server, environment.env ?? process.env);
  return credentials;
}

async function findCredentials(path: string | undefined, context: string | undefined, environment: CredentialsEnvironment): Promise<ClusterCredentials> {
  const { files, explicit } = kubeconfigFiles(path, environment);
  const merged = mergeKubeconfigFiles(files, explicit);
  const empty = merged.contexts.size === 0 && merged.clusters.size === 0;
  if (empty && !explicit && !context && isInCluster(environment)) return inClusterCredentials(environment);
  if (merged.files.length === 0) {
    // In a pod, a named context cannot mean the pod's own cluster: saying so beats deploying to the wrong one.
    const inPod = !explicit && context && isInCluster(environment);
    const missing = files.length === 1 ? `${files[0]} does not exist` : `none of ${files.join(', ')} exists`;
    const why = inPod ? `context "${context}" is named, so the pod's service account is not used` : 'not inside a cluster';
    const hint = inPod
      ? 'in a pod, use an environment without a cluster context (or mount a kubeconfig and pass --kubeconfig)'
      : 'pass --kubeconfig, set KUBECONFIG, or start a cluster with kcc cluster up';
    throw new KccError(`no kubeconfig found: ${missing}, and ${why}`, { hint, exitCode: 2 });
  }
  return credentialsFor(resolveContext(merged, context));
}

/** Turns one context's cluster and user entries into credentials, naming the file and key of anything wrong. */
export async function credentialsFor(resolved: ResolvedContext): Promise<ClusterCredentials> {
  const { cluster, user } = resolved;
  const c = cluster.value;
  const u = user?.value ?? {};
  const clusterField = (field: string) => `${cluster.key}.${field}`;
  const userField = (field: string) => `${user!.key}.${field}`;

  const server = checkUrl(c.server, cluster.file, clusterField('server'), ['http:', 'https:']);
  const proxyUrl = c['proxy-url'] === undefined ? undefined : checkUrl(c['proxy-url'], cluster.file, clusterField('proxy-url'), ['http:', 'https:']);
  const tlsServerName = c['tls-server-name'] === undefined ? undefined : String(c['tls-server-name']);
  const insecure = c['insecure-skip-tls-verify'] === true;
  const hasCa = Boolean(c['certificate-authority-data'] || c['certificate-authority']);
  if (insecure && hasCa) {
    // kubectl refuses this pair too: which one the user meant cannot be guessed, and guessing "insecure" is the unsafe way.
    throw kubeconfigError(cluster.file, clusterField('insecure-skip-tls-verify'), 'cannot be used with certificate-authority(-data): remove one of them');
  }
  const credentials: ClusterCredentials = {
    server,
    ca: readData(c, 'certificate-authority', cluster.file, cluster.key),
    rejectUnauthorized: !insecure,
    headers: {},
    proxyUrl,
    tlsServerName,
    namespace: resolved.namespace,
  };
  if (!user) return credentials;

  credentials.cert = readData(u, 'client-certificate', user.file, user.key);
  credentials.key = readData(u, 'client-key', user.file, user.key);
  if (Boolean(credentials.cert) !== Boolean(credentials.key)) {
    const missing = credentials.cert ? 'client-key' : 'client-certificate';
    throw kubeconfigError(user.file, userField(missing), `is missing (${missing === 'client-key' ? 'client-certificate' : 'client-key'} needs it)`);
  }
  if (typeof u.tokenFile === 'string' && u.tokenFile) {
    try {
      readFileSync(u.tokenFile);
    } catch (error) {
      throw kubeconfigError(user.file, userField('tokenFile'), `cannot read ${u.tokenFile}: ${(error as NodeJS.ErrnoException).code}`);
    }
    credentials.bearerTokenFile = u.tokenFile;
  } else if (u.token) {
    credentials.headers.Authorization = `Bearer ${u.token}`;
  } else if (u.username !== undefined) {
    credentials.headers.Authorization = `Basic ${Buffer.from(`${u.username}:${u.password ?? ''}`).toString('base64')}`;
  }
  for (const [field, header] of IMPERSONATION_HEADERS) {
    const value = u[field];
    if (value === undefined) continue;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.length) credentials.headers[header] = values.map(String).join(',');
  }
  if (u.exec) await authenticateWithExecPlugin(resolved, credentials);
  else if (u['auth-provider']) await authenticateViaClientNode(resolved, credentials);
  return credentials;
}

/** The auth-provider names @kubernetes/client-node implements (kubectl itself keeps only oidc since 1.26). */
const AUTH_PROVIDERS = ['oidc', 'gcp', 'azure'];

/** The kubeconfig's impersonation fields and the headers the API server reads them from. */
const IMPERSONATION_HEADERS: [string, string][] = [
  ['as', 'Impersonate-User'],
  ['as-uid', 'Impersonate-Uid'],
  ['as-groups', 'Impersonate-Group'],
];

/** HTTPS_PROXY/HTTP_PROXY as kubectl applies them (see proxy-from-environment.ts), refused by name when kcc cannot use it. */
function checkedEnvironmentProxy(server: string, env: NodeJS.ProcessEnv): string | undefined {
  const proxy = proxyFromEnvironment(server, env);
  if (!proxy) return undefined;
  const variable = server.startsWith('https:') ? (env.HTTPS_PROXY ? 'HTTPS_PROXY' : 'https_proxy') : env.HTTP_PROXY ? 'HTTP_PROXY' : 'http_proxy';
  let protocol: string | undefined;
  try {
    protocol = new URL(proxy).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new KccError(`${variable} "${proxy}": kcc supports http:// and https:// proxies`, {
      hint: `add ${new URL(server).hostname} to NO_PROXY to connect directly, or set proxy-url in the kubeconfig`,
      exitCode: 2,
    });
  }
  return proxy;
}

function checkUrl(value: unknown, file: string, key: string, protocols: string[]): string {
  if (typeof value !== 'string' || !value) throw kubeconfigError(file, key, 'is missing');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw kubeconfigError(file, key, `"${value}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw kubeconfigError(file, key, `"${value}": kcc supports ${protocols.map((p) => `${p}//`).join(' and ')} here, not ${url.protocol}//`);
  }
  return value;
}

/** `<field>-data` (base64) or `<field>` (a file, already absolute), as bytes; undefined when neither is set. */
function readData(entry: Record<string, any>, field: string, file: string, key: string): Buffer | undefined {
  const data = entry[`${field}-data`];
  if (data) return Buffer.from(String(data), 'base64');
  const path = entry[field];
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw kubeconfigError(file, `${key}.${field}`, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Runs the user's exec plugin (see exec-credential.ts) and keeps asking it, through its cache, per request. */
async function authenticateWithExecPlugin(resolved: ResolvedContext, credentials: ClusterCredentials): Promise<void> {
  const user = resolved.user!;
  const exec = user.value.exec;
  const field = `${user.key}.exec`;
  if (typeof exec !== 'object' || typeof exec.command !== 'string' || !exec.command) throw kubeconfigError(user.file, `${field}.command`, 'is missing');
  const cluster = resolved.cluster.value;
  const extension = (cluster.extensions ?? []).find((e: { name?: string }) => e?.name === 'client.authentication.k8s.io/exec')?.extension;
  const ca = credentials.ca?.toString('base64');
  const clusterInfo: ExecClusterInfo = {
    server: credentials.server,
    ...(credentials.tlsServerName ? { 'tls-server-name': credentials.tlsServerName } : {}),
    ...(credentials.rejectUnauthorized ? {} : { 'insecure-skip-tls-verify': true }),
    ...(ca ? { 'certificate-authority-data': ca } : {}),
    ...(credentials.proxyUrl ? { 'proxy-url': credentials.proxyUrl } : {}),
    ...(extension === undefined ? {} : { config: extension }),
  };
  const source = new ExecCredentialSource(exec as ExecConfig, clusterInfo, `kubeconfig ${user.file}: ${field}`);
  const first = await source.credential();
  // A plugin may answer with a client certificate instead of a token; that one is fixed for the client's life.
  if (first.clientCertificateData && first.clientKeyData) {
    credentials.cert = Buffer.from(first.clientCertificateData);
    credentials.key = Buffer.from(first.clientKeyData);
  }
  const bearer = (token: string | undefined): Record<string, string> => (token ? { Authorization: `Bearer ${token}` } : {});
  Object.assign(credentials.headers, bearer(first.token));
  credentials.authenticate = async () => bearer((await source.credential()).token);
  credentials.invalidate = () => source.invalidate();
}

/**
 * Auth providers (oidc, gcp, azure) through @kubernetes/client-node, loaded only here. It gets a
 * one-context kubeconfig built from the merged entries (paths already absolute), so what it sees
 * is exactly what kcc resolved, whichever files the entries came from.
 */
async function authenticateViaClientNode(resolved: ResolvedContext, credentials: ClusterCredentials): Promise<void> {
  const user = resolved.user!;
  const field = `${user.key}.auth-provider`;
  const provider = user.value['auth-provider'];
  if (!AUTH_PROVIDERS.includes(provider?.name) && !provider?.config?.tokenFile) {
    // client-node would send the request unauthenticated; the server's 401 would not say why.
    const problem = `"${provider?.name ?? ''}" is not an auth provider kcc knows (${AUTH_PROVIDERS.join(', ')}); use an exec plugin`;
    throw kubeconfigError(user.file, `${field}.name`, problem);
  }
  const { KubeConfig } = await import('@kubernetes/client-node');
  const config = new KubeConfig();
  try {
    config.loadFromString(
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: resolved.cluster.name, cluster: resolved.cluster.value }],
        users: [{ name: user.name, user: user.value }],
        contexts: [{ name: resolved.name, context: { cluster: resolved.cluster.name, user: user.name } }],
        'current-context': resolved.name,
      }),
    );
  } catch (error) {
    throw kubeconfigError(user.file, field, (error as Error).message.split('\n')[0]!);
  }
  const ask = async () => {
    const options: { cert?: Buffer; key?: Buffer; headers?: Record<string, string> } = {};
    try {
      await config.applyToHTTPSOptions(options as never);
    } catch (error) {
      throw kubeconfigError(user.file, field, `failed: ${(error as Error).message.split('\n')[0]}`);
    }
    return options;
  };
  const first = await ask();
  if (!first.headers?.Authorization && !(first.cert && first.key)) {
    const hint = 'log in again with the tool that wrote this kubeconfig';
    throw kubeconfigError(user.file, field, 'gave no credentials (an expired token without a way to refresh it?)', hint);
  }
  // A plugin may answer with a client certificate instead of a token; that one is fixed for the client's life.
  if (first.cert && first.key) {
    credentials.cert = first.cert;
    credentials.key = first.key;
  }
  const onlyAuthorization = (headers: Record<string, string> = {}): Record<string, string> =>
    headers.Authorization ? { Authorization: headers.Authorization } : {};
  Object.assign(credentials.headers, onlyAuthorization(first.headers));
  credentials.authenticate = async () => onlyAuthorization((await ask()).headers);
}
