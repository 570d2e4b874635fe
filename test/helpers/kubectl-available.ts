import { execFileSync } from 'node:child_process';

/** Whether kubectl (the reference the conformance tests compare with) is on PATH. */
export function kubectlAvailable(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
