import { readFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { KccError } from '../core/errors.js';
import { ConnectProxyAgent } from './connect-proxy-agent.js';
import { loadCredentials, type ClusterCredentials, type CredentialsEnvironment } from './kubeconfig-credentials.js';

/** A response from the API server: status code and parsed JSON body (a Status object on errors). */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export interface RequestOptions {
  /** Content type of the body. @default 'application/json' */
  contentType?: string;
  /** Statuses that are answers, not errors (404 for "does it exist?"). */
  accept?: number[];
  /** `false`: one attempt only, whatever the client's retry budget. */
  retry?: false;
}

/** One retry about to happen, for a caller that tells the user ("cluster unreachable, retrying"). */
export interface RetryInfo {
  method: string;
  path: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  waitMs: number;
  /** What failed: an error code ("ECONNREFUSED") or "HTTP 503". */
  reason: string;
}

export interface KubeClientOptions {
  /** How long to keep retrying a request that fails transiently; 0 disables retries. @default 30_000 */
  retryBudgetMs?: number;
  /** Where to look for kubeconfig files and an in-cluster service account. @default process.env, os.homedir() */
  environment?: CredentialsEnvironment;
}

/** How often a bearer token file is read again; client-go re-reads it every minute too. */
const TOKEN_FILE_REFRESH_MS = 60_000;

/** The Status object the server sends with errors. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { reason?: string; message?: string; field?: string }[] };
}

/** An API call that the server answered with an error status; names what was asked and why it failed. */
export class ApiError extends KccError {
  readonly status: number;
  readonly reason: string;
  readonly apiStatus: ApiStatus;
  constructor(status: number, apiStatus: ApiStatus, what: string, retriedMs = 0) {
    const reason = apiStatus.reason ?? String(status);
    const message = `${what}: ${apiStatus.message ?? `the server answered ${status}`}${retriedFor(retriedMs)}`;
    super(message, { hint: hintFor(status, apiStatus), exitCode: 2 });
    this.name = 'ApiError';
    this.status = status;
    this.reason = reason;
    this.apiStatus = apiStatus;
  }
}

function hintFor(status: number, apiStatus: ApiStatus): string | undefined {
  if (status === 401) return 'the cluster did not accept the credentials in your kubeconfig (expired or wrong); log in again or pick another context';
  if (status === 403) return 'your user lacks RBAC permission for this; ask for a Role granting it or use another context';
  if (status === 409 && apiStatus.reason === 'Conflict') return 're-run with --force-conflicts to take ownership of these fields';
  return undefined;
}

/**
 * Failures worth another attempt, and whether a POST may be repeated after them. Reads, updates,
 * patches and deletes can be sent twice safely; a create cannot, unless the first one surely never
 * reached the server (refused connection) or the server said it did not act (429, 503). A reset
 * connection ("socket hang up" is ECONNRESET) may come after the server applied the request.
 */
const TRANSIENT_FAILURES: Record<string, { repeatsPost: boolean }> = {
  ECONNREFUSED: { repeatsPost: true },
  ECONNRESET: { repeatsPost: false },
  EPIPE: { repeatsPost: false },
  ETIMEDOUT: { repeatsPost: false },
  EHOSTUNREACH: { repeatsPost: false },
  ENETUNREACH: { repeatsPost: false },
  'HTTP 429': { repeatsPost: true },
  'HTTP 500': { repeatsPost: false },
  'HTTP 502': { repeatsPost: false },
  'HTTP 503': { repeatsPost: true },
  'HTTP 504': { repeatsPost: false },
};

/**
 * A 500 that the request itself caused: server-side apply answers a value of the wrong type
 * ("failed to create typed patch object ... expected string") with an InternalError. Sending the
 * same request again gives the same answer, so it is final, not transient.
 */
export function isRequestFault(body: string): boolean {
  return /failed to create typed (patch|live) object|unable to convert|cannot unmarshal/i.test(body);
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why `method` should be tried again after `failure` (a connection error or a response status), or
 * undefined when the failure is final for that method.
 */
export function retryReason(method: string, failure: NodeJS.ErrnoException | number): string | undefined {
  const reason = typeof failure === 'number' ? `HTTP ${failure}` : (failure.code ?? '');
  const transient = TRANSIENT_FAILURES[reason];
  if (!transient) return undefined;
  return IDEMPOTENT_METHODS.has(method.toUpperCase()) || transient.repeatsPost ? reason : undefined;
}

/**
 * Wait before attempt `attempt + 1`: 200 ms doubling up to 2 s, each drawn from the upper half of
 * that range so that many clients cut off together do not come back in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(200 * 2 ** (attempt - 1), 2_000);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** A Retry-After header in seconds (the form the API server sends), as milliseconds. */
export function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return header !== undefined && header !== '' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function retriedFor(ms: number): string {
  if (ms <= 0) return '';
  return ` after retrying for ${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
}

/** What one exchange with the server gave: an answer, or the connection error that stopped it. */
type Exchange =
  | { status: number; text: string; retryAfter?: number; error?: undefined }
  | { error: NodeJS.ErrnoException };

/**
 * The engine's one door to the API server: raw HTTPS on a keep-alive agent, with credentials
 * found as kubectl finds them (see kubeconfig-credentials.ts), through proxy-url when set.
 * Raw requests because apply sends hundreds of small calls and the generated client adds a
 * per-call cost the engine does not need; keep-alive and a bounded socket pool keep them cheap.
 * Transient failures (see TRANSIENT_FAILURES) are retried with backoff for up to `retryBudgetMs`,
 * so an API server that restarts in the middle of an apply costs a pause, not a failed apply.
 */
export class KubeClient {
  readonly server: string;
  /** How long to keep retrying a transiently failing request, from its first failure; 0 disables. @default 30_000 */
  retryBudgetMs = 30_000;
  /** Called before each retry's wait. */
  onRetry?: (info: RetryInfo) => void;
  /** The context's namespace, or the pod's namespace in a cluster; undefined when the kubeconfig names none. */
  readonly namespace?: string;
  private readonly baseOptions: https.RequestOptions;
  private readonly agent: https.Agent | http.Agent;
  private readonly secure: boolean;
  private readonly credentials: ClusterCredentials;
  /** A plain-http server behind `proxy-url`: requests go to the proxy with the full URL as their path. */
  private readonly httpProxy?: URL;
  private tokenFromFile?: { header: string; readAt: number };

  private constructor(credentials: ClusterCredentials) {
    this.server = credentials.server.replace(/\/$/, '');
    this.secure = credentials.server.startsWith('https:');
    this.credentials = credentials;
    this.namespace = credentials.namespace;
    const agentOptions = { keepAlive: true, maxSockets: 32 };
    const { ca, cert, key, rejectUnauthorized, tlsServerName: servername } = credentials;
    const proxy = credentials.proxyUrl ? new URL(credentials.proxyUrl) : undefined;
    if (this.secure) {
      const tlsOptions = { ...agentOptions, ca, cert, key, rejectUnauthorized, servername };
      this.agent = proxy ? new ConnectProxyAgent(proxy, tlsOptions) : new https.Agent(tlsOptions);
    } else {
      this.agent = new http.Agent(agentOptions);
      this.httpProxy = proxy;
    }
    this.baseOptions = { ca, cert, key, rejectUnauthorized, servername, headers: credentials.headers };
  }

  /**
   * Connects through a kubeconfig file (and optionally one of its contexts). Without a path:
   * $KUBECONFIG's files merged, else ~/.kube/config, else the pod's service account.
   */
  static async fromKubeconfig(path: string | undefined, context?: string, options: KubeClientOptions = {}): Promise<KubeClient> {
    return KubeClient.fromCredentials(await loadCredentials(path, context, options.environment), options);
  }

  /** Connects with credentials already resolved (in-cluster, or built by a program). */
  static fromCredentials(credentials: ClusterCredentials, options: KubeClientOptions = {}): KubeClient {
    const client = new KubeClient(credentials);
    if (options.retryBudgetMs !== undefined) client.retryBudgetMs = options.retryBudgetMs;
    return client;
  }

  /** The Authorization header that changes while the client runs: a token file, or an exec plugin's token. */
  private async currentAuthorization(): Promise<Record<string, string>> {
    const file = this.credentials.bearerTokenFile;
    if (file) {
      const now = performance.now();
      if (!this.tokenFromFile || now - this.tokenFromFile.readAt > TOKEN_FILE_REFRESH_MS) {
        // A token file that vanished after startup keeps the last token: the server decides whether it still holds.
        try {
          this.tokenFromFile = { header: `Bearer ${readFileSync(file, 'utf8').trim()}`, readAt: now };
        } catch (error) {
          if (!this.tokenFromFile) throw new KccError(`cannot read token file ${file}: ${(error as NodeJS.ErrnoException).code}`, { exitCode: 2 });
        }
      }
      return { Authorization: this.tokenFromFile!.header };
    }
    return this.credentials.authenticate ? this.credentials.authenticate() : {};
  }

  /**
   * One API call, retried while it fails transiently and the budget lasts. Errors become ApiError
   * (server said no) or KccError (server unreachable).
   */
  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const budget = options.retry === false ? 0 : this.retryBudgetMs;
    let firstFailure = 0;
    let attempt = 1;
    let exchange: Exchange;
    for (; ; attempt++) {
      exchange = await this.exchangeWithFreshCredentials(method, path, payload, options.contentType);
      const failure = exchange.error ?? exchange.status;
      const reason = exchange.error || !isRequestFault(exchange.text) ? retryReason(method, failure) : undefined;
      if (!reason) break;
      if (attempt === 1) firstFailure = performance.now();
      const remaining = budget - (performance.now() - firstFailure);
      if (remaining <= 0) break;
      const serverWait = exchange.error ? undefined : exchange.retryAfter;
      const waitMs = Math.min(serverWait ?? backoffDelay(attempt), remaining);
      this.onRetry?.({ method, path, attempt, waitMs, reason });
      await sleep(waitMs);
    }
    const retriedMs = attempt > 1 ? performance.now() - firstFailure : 0;
    if (exchange.error) {
      const { code, message } = exchange.error;
      throw new KccError(`cannot reach the cluster at ${this.server}: ${code ?? ''} ${message}`.replace(/\s+/g, ' ') + retriedFor(retriedMs), {
        hint: 'is the cluster running? (kcc cluster status), or check --kubeconfig/--context',
        exitCode: 2,
      });
    }
    let parsed: any;
    try {
      parsed = exchange.text ? JSON.parse(exchange.text) : undefined;
    } catch {
      parsed = { message: exchange.text.trim() };
    }
    if (exchange.status >= 400 && !options.accept?.includes(exchange.status)) {
      throw new ApiError(exchange.status, parsed ?? {}, `${method} ${path}`, retriedMs);
    }
    return { status: exchange.status, body: parsed as T };
  }

  /**
   * One attempt, sent a second time with a new credential when the server rejects a cached exec
   * plugin token (revoked, or one without an expiry that has lapsed), as client-go does.
   */
  private async exchangeWithFreshCredentials(method: string, path: string, payload: string | undefined, contentType?: string): Promise<Exchange> {
    const exchange = await this.exchange(method, path, payload, contentType);
    if (exchange.error || exchange.status !== 401 || !this.credentials.invalidate) return exchange;
    this.credentials.invalidate();
    return this.exchange(method, path, payload, contentType);
  }

  /** One attempt; connection errors are returned, not thrown, for the retry loop to judge. */
  private async exchange(method: string, path: string, payload: string | undefined, contentType = 'application/json'): Promise<Exchange> {
    const url = new URL(this.server + path);
    const authorization = await this.currentAuthorization();
    const headers: Record<string, string | number> = { ...(this.baseOptions.headers as Record<string, string>), ...authorization, Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = contentType;
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const transport = this.secure ? https : http;
    const target = this.httpProxy
      ? { hostname: this.httpProxy.hostname, port: this.httpProxy.port || 80, path: url.href }
      : { hostname: url.hostname, port: url.port, path: url.pathname + url.search };
    if (this.httpProxy) {
      headers.Host = url.host;
      const { username, password } = this.httpProxy;
      const login = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
      if (username) headers['Proxy-Authorization'] = `Basic ${Buffer.from(login).toString('base64')}`;
    }
    return new Promise<Exchange>((resolve) => {
      const fail = (error: NodeJS.ErrnoException) => resolve({ error });
      const req = transport.request(
        { ...this.baseOptions, agent: this.agent, method, ...target, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, text, retryAfter: retryAfterMs(res.headers['retry-after']) });
          });
          res.on('error', fail);
        },
      );
      req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('no answer within 60 s'), { code: 'ETIMEDOUT' })));
      req.on('error', fail);
      req.end(payload);
    });
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }

  close(): void {
    this.agent.destroy();
  }
}
