import https from 'node:https';
import http from 'node:http';
import { KccError } from '../core/errors.js';
import { loadCredentials } from './kubeconfig-credentials.js';

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
}

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
  constructor(status: number, apiStatus: ApiStatus, what: string) {
    const reason = apiStatus.reason ?? String(status);
    super(`${what}: ${apiStatus.message ?? `the server answered ${status}`}`, { hint: hintFor(status, apiStatus), exitCode: 2 });
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
 * The engine's one door to the API server: raw HTTPS on a keep-alive agent, with credentials read
 * from the kubeconfig (see kubeconfig-credentials.ts; exec plugins go through @kubernetes/client-node).
 * Raw requests because apply sends hundreds of small calls and the generated client adds a
 * per-call cost the engine does not need; keep-alive and a bounded socket pool keep them cheap.
 */
export class KubeClient {
  readonly server: string;
  private readonly baseOptions: https.RequestOptions;
  private readonly agent: https.Agent | http.Agent;
  private readonly secure: boolean;

  private constructor(server: string, baseOptions: https.RequestOptions, secure: boolean) {
    this.server = server.replace(/\/$/, '');
    this.secure = secure;
    const agentOptions = { keepAlive: true, maxSockets: 32 };
    this.agent = secure ? new https.Agent({ ...agentOptions, ca: baseOptions.ca, cert: baseOptions.cert, key: baseOptions.key, rejectUnauthorized: baseOptions.rejectUnauthorized }) : new http.Agent(agentOptions);
    this.baseOptions = baseOptions;
  }

  /** Connects through a kubeconfig file (and optionally one of its contexts). */
  static async fromKubeconfig(path: string | undefined, context?: string): Promise<KubeClient> {
    const credentials = await loadCredentials(path, context);
    const options: https.RequestOptions = { ca: credentials.ca, cert: credentials.cert, key: credentials.key, rejectUnauthorized: credentials.rejectUnauthorized, headers: credentials.headers };
    return new KubeClient(credentials.server, options, credentials.server.startsWith('https:'));
  }

  /** One API call. Errors become ApiError (server said no) or KccError (server unreachable). */
  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const url = new URL(this.server + path);
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string | number> = { ...(this.baseOptions.headers as Record<string, string>), Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const transport = this.secure ? https : http;
    const response = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = transport.request(
        { ...this.baseOptions, agent: this.agent, method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error('no answer within 60 s')));
      req.on('error', reject);
      req.end(payload);
    }).catch((error: NodeJS.ErrnoException) => {
      throw new KccError(`cannot reach the cluster at ${this.server}: ${error.code ?? ''} ${error.message}`.replace(/\s+/g, ' '), {
        hint: 'is the cluster running? (kcc cluster status), or check --kubeconfig/--context',
        exitCode: 2,
      });
    });
    let parsed: any;
    try {
      parsed = response.text ? JSON.parse(response.text) : undefined;
    } catch {
      parsed = { message: response.text.trim() };
    }
    if (response.status >= 400 && !options.accept?.includes(response.status)) {
      throw new ApiError(response.status, parsed ?? {}, `${method} ${path}`);
    }
    return { status: response.status, body: parsed as T };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, undefined, options);
  }

  close(): void {
    this.agent.destroy();
  }
}
