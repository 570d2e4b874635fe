import type { ProgressEvent } from '../cluster/provider.js';
import { colourEnabled, paintIf } from './colour.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Renders progress events on stderr: on a terminal, one live line with a spinner that is
 * replaced by a ✓ line when a step finishes; elsewhere (CI, pipes), one plain line per event.
 */
export class ProgressRenderer {
  private frame = 0;
  private current?: string;
  private timer?: NodeJS.Timeout;
  /** True on a terminal: live spinner lines; false in CI and pipes: plain lines. */
  readonly live: boolean;

  constructor(live = Boolean(process.stderr.isTTY) && !process.env.CI) {
    this.live = live;
  }

  readonly listener = (event: ProgressEvent): void => {
    const seconds = event.elapsedMs === undefined ? '' : ` (${(event.elapsedMs / 1000).toFixed(1)}s)`;
    const detail = event.detail ? ` — ${event.detail}` : '';
    if (!this.live) {
      process.stderr.write(`${event.elapsedMs === undefined ? '…' : '✓'} ${event.step}${seconds}${detail}\n`);
      return;
    }
    this.clear();
    if (event.elapsedMs !== undefined) {
      process.stderr.write(`${paintIf(colourEnabled(), '32', '✓')} ${event.step}${seconds}\n`);
      this.current = undefined;
    } else {
      this.current = `${event.step}${detail}`;
      this.draw();
      this.timer ??= setInterval(() => this.draw(), 80);
      this.timer.unref();
    }
  };

  private draw(): void {
    if (!this.current) return;
    this.frame = (this.frame + 1) % FRAMES.length;
    process.stderr.write(`\r\x1b[2K${paintIf(colourEnabled(), '36', FRAMES[this.frame]!)} ${this.current}`);
  }

  private clear(): void {
    if (this.live && this.current) process.stderr.write('\r\x1b[2K');
  }

  stop(): void {
    this.clear();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.current = undefined;
  }
}
