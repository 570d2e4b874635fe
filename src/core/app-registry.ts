import type { SynthResult } from './synthesize.js';

/** What `runProgram` needs from an App: kept minimal so two copies of kcc still cooperate. */
export interface SynthesizableApp {
  synth(): Promise<SynthResult>;
  /** The program's own App object when it is not this entry itself (the cdk8s layer's App). */
  readonly app?: object;
}

/**
 * Apps created in this process, in order. `runProgram` imports the user's program and then
 * synthesizes the apps it created, so a program needs no special export or `app.synth()` call.
 * Kept on globalThis so that a program importing another copy of kcc is still seen.
 */
const REGISTRY = Symbol.for('kcc.apps');

function registry(): SynthesizableApp[] {
  const global = globalThis as unknown as Record<symbol, SynthesizableApp[] | undefined>;
  return (global[REGISTRY] ??= []);
}

export function registerApp(app: SynthesizableApp): void {
  registry().push(app);
}

/** Returns the apps created since the last call and forgets them. */
export function takeRegisteredApps(): SynthesizableApp[] {
  return registry().splice(0);
}
