import { ProgressRenderer } from './progress.js';

/** How long a step may run before kcc says what it is doing. */
const QUIET_MS = 1000;

/**
 * Runs one step of a data command (synth) quietly when it is quick, and on a terminal with a
 * spinner once it has taken more than a second, so a slow step never looks hung. In CI and pipes
 * only announced steps print (plain lines): the logs of the same run stay the same.
 */
export async function slowStep<T>(step: string, work: () => Promise<T>, options: { announce?: boolean; renderer?: ProgressRenderer } = {}): Promise<T> {
  const renderer = options.renderer ?? new ProgressRenderer();
  const started = Date.now();
  let shown = false;
  const show = (): void => {
    shown = true;
    renderer.listener({ step });
  };
  // A step known to be slow and CPU-bound (a full type check) blocks the event loop, so a timer
  // could not fire during it: it is announced up front instead.
  if (options.announce) show();
  const timer = options.announce || !renderer.live ? undefined : setTimeout(show, QUIET_MS);
  timer?.unref();
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown) renderer.listener({ step, elapsedMs: Date.now() - started });
    renderer.stop();
  }
}
