import { describe, expect, it } from 'vitest';
import { nameFromPath, shortHash } from '../../../src/core/names.js';

describe('nameFromPath', () => {
  it('joins the readable path and a hash of the whole path', () => {
    const name = nameFromPath(['', 'web', 'Frontend', 'Deployment']);
    expect(name).toBe(`web-frontend-deployment-${shortHash('/web/Frontend/Deployment')}`);
  });

  it('drops Default/Resource ids and repeated components, and sanitizes to DNS-1123', () => {
    expect(nameFromPath(['', 'my_App', 'db', 'db', 'Resource'], { includeHash: false })).toBe('my-app-db');
    expect(nameFromPath(['', 'A.B', 'Default'], { includeHash: false })).toBe('a-b');
  });

  it('keeps names apart that sanitize alike', () => {
    expect(nameFromPath(['', 'a.b'])).not.toBe(nameFromPath(['', 'a-b']));
  });

  it('never exceeds the length limit and keeps the hash', () => {
    const long = nameFromPath(['', 'x'.repeat(100), 'y'.repeat(100)]);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^x+-[0-9a-f]{8}$/);
    expect(nameFromPath(['', 'a'.repeat(300)], { maxLength: 253 }).length).toBeLessThanOrEqual(253);
  });

  it('is stable across runs', () => {
    expect(shortHash('/chart/web')).toMatch(/^[0-9a-f]{8}$/);
    expect(nameFromPath(['', 'chart', 'web'])).toBe(nameFromPath(['', 'chart', 'web']));
  });
});
