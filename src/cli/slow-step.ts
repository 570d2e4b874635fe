import { ProgressRenderer } from './progress.js';

/** How long a step may run before kcc says what it is doing. */
const QUIET_MS = 1000;

/**
 * Runs one step of a data command (synth, build) quietly when it is quick, and with progress on
 * stderr once it has taken more than a second: a spinner on a terminal, a plain line in CI and
 * pipes — so a fast `kcc synth` prints nothing extra, and a slow type check never looks hung.
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
  const timer = setTimeout(show, options.announce ? 2 ** 31 - 1 : QUIET_MS);
  timer.unref();
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown) renderer.listener({ step, elapsedMs: Date.now() - started });
    renderer.stop();
  }
}
