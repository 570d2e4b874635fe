import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const KCC_BIN = fileURLToPath(new URL('../../bin/kcc.js', import.meta.url));

export interface KccRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, in a child process, without a TTY. */
export function runKcc(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<KccRun> {
  return runProcess(process.execPath, [KCC_BIN, ...args], { ...options, env: { ...process.env, CI: 'true', ...options.env } });
}

/** Runs any program (a CI script, say) and collects its exit code and output. */
export function runProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): Promise<KccRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
