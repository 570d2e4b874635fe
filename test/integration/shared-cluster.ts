import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    kubeconfig: string;
    kccHome: string;
  }
}

/** Kubeconfig of the bundled cluster that every integration test in this run shares. */
export function testKubeconfig(): string {
  return inject('kubeconfig');
}

/** KCC_HOME of this run: clusters a test creates itself go here, never into the user's ~/.kcc. */
export function testKccHome(): string {
  return inject('kccHome');
}

const run = promisify(execFile);

/** kubectl against the shared cluster (the reference client; kcc's own client is under test elsewhere). */
export async function kubectl(args: string[], options: { input?: string; kubeconfig?: string } = {}): Promise<string> {
  const child = run('kubectl', ['--kubeconfig', options.kubeconfig ?? testKubeconfig(), ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  return (await child).stdout;
}
