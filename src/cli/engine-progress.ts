import { colourEnabled, paintIf } from './colour.js';
import type { EngineEvent, ObjectState } from '../engine/index.js';

const COLOURS: Partial<Record<ObjectState, string>> = { ready: '32', created: '32', configured: '36', replaced: '33', adopted: '33', failed: '31', pruned: '35', deleted: '35', kept: '36', waiting: '33', running: '33', succeeded: '32' };
const SYMBOLS: Partial<Record<ObjectState, string>> = { ready: '✓', created: '+', configured: '~', replaced: '±', adopted: '~', failed: '✗', pruned: '-', deleted: '-', kept: '=', waiting: '…', pending: '·', running: '▶', succeeded: '✓' };

/**
 * Draws engine events: a live block of objects redrawn in place on a terminal; one plain line per
 * event in CI and pipes; JSON lines (one event each) for --output json. Unchanged objects are
 * counted in the plan line, not listed, so a no-op apply of 1,000 objects prints a few lines.
 */
export class EngineProgress {
  private readonly states = new Map<string, { state: ObjectState; message?: string }>();
  private drawnLines = 0;
  private lastPhase = '';
  private timer?: NodeJS.Timeout;

  constructor(private readonly mode: 'live' | 'plain' | 'json') {}

  readonly listener = (event: EngineEvent): void => {
    if (this.mode === 'json') {
      process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...event })}\n`);
      return;
    }
    if (event.type === 'object' && event.state === 'unchanged') return;
    if (this.mode === 'plain') {
      process.stderr.write(`${formatEvent(event)}\n`);
      return;
    }
    if (event.type === 'object') {
      this.states.set(event.object, { state: event.state, message: event.message });
      this.scheduleDraw();
    } else {
      this.erase();
      if (event.type === 'phase') this.lastPhase = event.message;
      process.stderr.write(`${formatEvent(event, true)}\n`);
      this.draw();
    }
  };

  private scheduleDraw(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.erase();
      this.draw();
    }, 50);
  }

  private erase(): void {
    if (this.drawnLines) process.stderr.write(`\x1b[${this.drawnLines}A\x1b[0J`);
    this.drawnLines = 0;
  }

  private draw(): void {
    const rows = [...this.states.entries()];
    if (!rows.length) return;
    const rowsShown = rows.filter(([, s]) => s.state !== 'ready' && s.state !== 'created' && s.state !== 'configured' && s.state !== 'succeeded').slice(0, 15);
    const done = rows.length - rows.filter(([, s]) => s.state === 'waiting' || s.state === 'pending' || s.state === 'running' || s.state === 'failed').length;
    const lines = [`  ${done}/${rows.length} done${this.lastPhase ? ` · ${this.lastPhase}` : ''}`, ...rowsShown.map(([id, s]) => `  ${paint(s.state, SYMBOLS[s.state] ?? ' ')} ${id} ${s.state}${s.message ? ` — ${s.message}` : ''}`)];
    const width = process.stderr.columns || 120;
    process.stderr.write(lines.map((l) => l.slice(0, width + 12)).join('\n') + '\n');
    this.drawnLines = lines.length;
  }

  /** Leaves the final state of every object that did something on screen. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.mode !== 'live') return;
    this.erase();
    for (const [id, s] of this.states) process.stderr.write(`  ${paint(s.state, SYMBOLS[s.state] ?? ' ')} ${id} ${s.state}${s.message ? ` — ${s.message}` : ''}\n`);
    this.states.clear();
  }
}

function paint(state: ObjectState, text: string): string {
  return paintIf(colourEnabled(), COLOURS[state], text);
}

function formatEvent(event: EngineEvent, colour = false): string {
  switch (event.type) {
    case 'phase':
      return `» ${event.phase}: ${event.message}`;
    case 'message':
      return event.level === 'warning' ? `${paintIf(colour && colourEnabled(), '33', 'warning')}: ${event.message}` : event.message;
    case 'object':
      return `  ${event.object} ${event.state}${event.message ? ` — ${event.message}` : ''}`;
  }
}

export function progressMode(output: string | undefined, interactive: boolean): 'live' | 'plain' | 'json' {
  if (output === 'json') return 'json';
  return interactive && process.stderr.isTTY ? 'live' : 'plain';
}
