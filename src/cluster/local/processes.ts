import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';

/**
 * Starts a component as a detached process group, so it outlives `kcc cluster up`, with stdout and
 * stderr appended to its log file and its pid recorded for status/down/repair.
 */
export async function startProcess(options: { command: string; args: string[]; logFile: string; pidFile: string; env?: NodeJS.ProcessEnv }): Promise<number> {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, { detached: true, stdio: ['ignore', log, log], env: options.env ?? process.env });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolve(child.pid!));
    });
    child.unref();
    await writeFile(options.pidFile, `${pid}\n`);
    return pid;
  } finally {
    closeSync(log);
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * True when the pid is alive and still ours: after a reboot or crash the number may belong to an
 * unrelated process, so its command line must mention the cluster's state directory.
 */
export function isOurProcess(pid: number | undefined, marker: string): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (cmdline.length === 0) return false; // a zombie: exited, not yet reaped
    return cmdline.includes(marker);
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** TERM, then KILL after the grace period; resolves once the process is gone. */
export async function stopProcess(pid: number, marker: string, graceMs = 10_000): Promise<void> {
  if (!isOurProcess(pid, marker)) return;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(pid, marker)) return;
    await sleep(100);
  }
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isOurProcess(pid, marker); i++) await sleep(100);
}

export async function removePidFile(pidFile: string): Promise<void> {
  await rm(pidFile, { force: true });
}
