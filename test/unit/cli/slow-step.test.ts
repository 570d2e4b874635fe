import { describe, expect, it, vi } from 'vitest';
import type { ProgressEvent } from '../../../src/cluster/provider.js';
import { ProgressRenderer } from '../../../src/cli/progress.js';
import { slowStep } from '../../../src/cli/slow-step.js';

function recorder(live = true): { renderer: ProgressRenderer; events: ProgressEvent[] } {
  const events: ProgressEvent[] = [];
  const renderer = new ProgressRenderer(live);
  (renderer as { listener: (event: ProgressEvent) => void }).listener = (event) => events.push(event);
  return { renderer, events };
}

describe('slowStep', () => {
  it('a quick step prints nothing', async () => {
    const { renderer, events } = recorder();
    expect(await slowStep('rendering', async () => 42, { renderer })).toBe(42);
    expect(events).toEqual([]);
  });

  it('a step still running after a second is announced, then reported done with its time', async () => {
    vi.useFakeTimers();
    try {
      const { renderer, events } = recorder();
      const done = slowStep('validating the objects', () => new Promise((resolve) => setTimeout(resolve, 2500)), { renderer });
      await vi.advanceTimersByTimeAsync(1100);
      expect(events).toEqual([{ step: 'validating the objects' }]);
      await vi.advanceTimersByTimeAsync(2000);
      await done;
      expect(events[1]).toMatchObject({ step: 'validating the objects' });
      expect(events[1]!.elapsedMs).toBeGreaterThanOrEqual(2500);
    } finally {
      vi.useRealTimers();
    }
  });

  it('in CI (no terminal) a slow step that was not announced prints nothing: logs stay the same run to run', async () => {
    vi.useFakeTimers();
    try {
      const { renderer, events } = recorder(false);
      const done = slowStep('validating the objects', () => new Promise((resolve) => setTimeout(resolve, 2500)), { renderer });
      await vi.advanceTimersByTimeAsync(3000);
      await done;
      expect(events).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('announce shows a blocking step before it starts, and a failure still ends the line', async () => {
    const { renderer, events } = recorder(false);
    await expect(slowStep('type-checking', async () => { throw new Error('boom'); }, { announce: true, renderer })).rejects.toThrow('boom');
    expect(events.map((e) => e.step)).toEqual(['type-checking', 'type-checking']);
    expect(events[1]!.elapsedMs).toBeGreaterThanOrEqual(0);
  });
});
