import { afterEach, describe, expect, it } from 'vitest';
import { colourEnabled, paintIf } from '../../../src/cli/colour.js';

describe('colourEnabled', () => {
  const saved = process.env.NO_COLOR;
  afterEach(() => {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  });

  it('colours a terminal only, and never under NO_COLOR', () => {
    delete process.env.NO_COLOR;
    expect(colourEnabled({ isTTY: true })).toBe(true);
    expect(colourEnabled({ isTTY: false })).toBe(false);
    process.env.NO_COLOR = '1';
    expect(colourEnabled({ isTTY: true })).toBe(false);
    expect(paintIf(colourEnabled({ isTTY: true }), '32', 'ok')).toBe('ok');
    expect(paintIf(true, '32', 'ok')).toBe('\x1b[32mok\x1b[0m');
  });
});
