import { describe, expect, it } from 'vitest';
import { readResources } from '../../../src/overlay/read-resources.js';

/** Plain scalars resolve as go-yaml v3 (kustomize's reader) resolves them; checked against kubectl kustomize. */
const cases: [string, unknown][] = [
  ['0755', 493],
  ['-0755', -493],
  ['0o755', 493],
  ['0x1F', 31],
  ['08', 8],
  ['+12', 12],
  ['1_000', 1000],
  ['0b101', 5],
  ['1e3', 1000],
  ['yes', 'yes'],
  ['on', 'on'],
  ['0', 0],
];

describe('YAML plain scalars as kustomize reads them', () => {
  // The second variant has a construct the fast reader gives up on, so the full parser reads it.
  it.each(cases)('%s', (text, expected) => {
    const plain = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\nspec:\n  value: ${text}\n`;
    const anchored = `${plain}  other: &anchor {a: 1}\n`;
    for (const source of [plain, anchored]) {
      const [resource] = readResources(source, 'r.yaml');
      expect((resource!.object as unknown as { spec: { value: unknown } }).spec.value).toBe(expected);
    }
  });
});
