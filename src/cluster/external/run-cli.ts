import { spawn, spawnSync } from 'node:child_process';
import { KccError } from '../../core/errors.js';

/** Whether an executable is on PATH (the kind/minikube providers need theirs and Docker's). */
export function onPath(command: string): boolean {
  const result = spawnSync(command, ['--help'], { stdio: 'ignore' });
  return !result.error;
}

/** Whether a Docker engine answers (the client alone is not enough for kind or minikube). */
export function dockerEngineAnswers(): boolean {
  const result = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 10_000 });
  return !result.error && result.status === 0;
}

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a provider CLI, streaming nothing, failing with its last stderr lines. */
export function runCli(command: string, args: string[], options: { allowFailure?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ? { ...process.env, ...options.env } : process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new KccError(`could not run ${command}: ${error.message}`)));
    child.on('exit', (code) => {
      const result = { stdout, stderr, code: code ?? 1 };
      if (result.code !== 0 && !options.allowFailure) {
        reject(new KccError(`\`${command} ${args.join(' ')}\` failed (exit ${result.code}):\n${stderr.trim().split('\n').slice(-10).join('\n')}`));
      } else resolve(result);
    });
  });
}

/** The clear error for a missing external tool: which piece, and the way out. */
export function requireTools(provider: string, tools: { name: string; present: boolean; install: string }[]): void {
  const missing = tools.filter((tool) => !tool.present);
  if (missing.length === 0) return;
  const first = missing[0]!;
  throw new KccError(`the ${provider} provider needs ${missing.map((t) => t.name).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} not available here`, {
    hint: `${first.install}; or use the bundled control plane, which needs no Docker: --provider local`,
  });
}
