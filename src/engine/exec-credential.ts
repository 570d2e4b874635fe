import { spawn } from 'node:child_process';
import { KccError } from '../core/errors.js';

/** A kubeconfig user's `exec:` section (client.authentication.k8s.io ExecConfig). */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
}

/** What a plugin proved: a bearer token, or a client certificate and key (PEM). */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Milliseconds since the epoch; undefined: valid until the server says 401. */
  expiresAt?: number;
}

/** The cluster as the plugin may see it (`provideClusterInfo: true`), in ExecCredential's spelling. */
export interface ExecClusterInfo {
  server: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  config?: unknown;
}

const API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'];

/** A token is renewed this long before it expires, so a request never leaves with a token about to lapse. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * Runs exec credential plugins as client-go does and caches what they answer: until the
 * credential's expirationTimestamp, or, without one, until the server rejects it (the client
 * then calls `invalidate`). One plugin run serves every request in between: an apply of hundreds
 * of objects runs `aws eks get-token` once, not once per request.
 *
 * kcc runs plugins itself rather than through @kubernetes/client-node, whose ExecAuth re-runs a
 * plugin for every request when the credential has no expiry, writes the plugin's `env` into
 * kcc's own process.env, and does not set KUBERNETES_EXEC_INFO, which v1 plugins read.
 */
export class ExecCredentialSource {
  private cached?: ExecCredentialStatus;
  private running?: Promise<ExecCredentialStatus>;

  constructor(
    private readonly exec: ExecConfig,
    private readonly cluster: ExecClusterInfo,
    /** Names the kubeconfig entry in errors: "kubeconfig FILE: users[me].user.exec". */
    private readonly where: string,
  ) {}

  /** The current credential, running the plugin when there is none or it is about to expire. */
  async credential(): Promise<ExecCredentialStatus> {
    const fresh = this.cached && (this.cached.expiresAt === undefined || this.cached.expiresAt - EXPIRY_MARGIN_MS > Date.now());
    if (fresh) return this.cached!;
    // Concurrent requests share one plugin run.
    this.running ??= this.run().finally(() => (this.running = undefined));
    this.cached = await this.running;
    return this.cached;
  }

  /** Forgets the credential (the server answered 401), so the next request runs the plugin again. */
  invalidate(): void {
    this.cached = undefined;
  }

  private fail(problem: string, hint?: string): KccError {
    return new KccError(`${this.where}: ${problem}`, { hint, exitCode: 2 });
  }

  private run(): Promise<ExecCredentialStatus> {
    const { exec } = this;
    if (!API_VERSIONS.includes(exec.apiVersion)) {
      return Promise.reject(this.fail(`apiVersion "${exec.apiVersion ?? ''}" is not one kcc speaks (${API_VERSIONS.join(', ')})`));
    }
    const interactive = exec.interactiveMode !== 'Never' && Boolean(process.stdin.isTTY);
    if (exec.interactiveMode === 'Always' && !interactive) {
      return Promise.reject(this.fail(`${exec.command} needs a terminal (interactiveMode: Always), and kcc has none`));
    }
    const info = { kind: 'ExecCredential', apiVersion: exec.apiVersion, spec: { interactive, ...(exec.provideClusterInfo ? { cluster: this.cluster } : {}) } };
    const env = { ...process.env, ...Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])), KUBERNETES_EXEC_INFO: JSON.stringify(info) };
    return new Promise((resolve, reject) => {
      // An interactive plugin talks to the user on stdin and stderr; stdout is always the credential.
      const child = spawn(exec.command, exec.args ?? [], { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', interactive ? 'inherit' : 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error: NodeJS.ErrnoException) => {
        const problem = error.code === 'ENOENT' ? `plugin ${exec.command} not found` : `cannot run ${exec.command}: ${error.message}`;
        reject(this.fail(problem, exec.installHint?.trim().split('\n')[0]));
      });
      child.on('close', (code) => {
        if (code !== 0) {
          const last = stderr.trim().split('\n').pop();
          reject(this.fail(`${exec.command} exited with ${code}${last ? `: ${last}` : ''}`));
          return;
        }
        try {
          resolve(this.parse(stdout));
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  private parse(stdout: string): ExecCredentialStatus {
    let answer: any;
    try {
      answer = JSON.parse(stdout);
    } catch {
      throw this.fail(`${this.exec.command} did not print an ExecCredential (JSON) on stdout`);
    }
    if (answer?.kind !== 'ExecCredential' || answer.apiVersion !== this.exec.apiVersion) {
      throw this.fail(`${this.exec.command} answered ${answer?.apiVersion ?? '?'} ${answer?.kind ?? '?'}, not ${this.exec.apiVersion} ExecCredential`);
    }
    const status = answer.status ?? {};
    const hasCertificate = Boolean(status.clientCertificateData && status.clientKeyData);
    if (!status.token && !hasCertificate) throw this.fail(`${this.exec.command} gave neither a token nor a client certificate and key`);
    const expiresAt = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : undefined;
    if (expiresAt !== undefined && Number.isNaN(expiresAt)) {
      throw this.fail(`${this.exec.command} gave an expirationTimestamp that is not a time: "${status.expirationTimestamp}"`);
    }
    return { token: status.token, clientCertificateData: status.clientCertificateData, clientKeyData: status.clientKeyData, expiresAt };
  }
}
