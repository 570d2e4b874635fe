import { describe, expect, it } from 'vitest';
import { emptyValuePaths, mayHaveEmptyValues } from '../../../src/overlay/empty-values.js';

describe('mayHaveEmptyValues', () => {
  it('rules out files whose keys all have values, nested maps and lists included', () => {
    const full = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a # the pod\n\nspec:\n  containers:\n  - name: app\n    ports:\n    - containerPort: 80\n---\nkind: B\n';
    expect(mayHaveEmptyValues(full)).toBe(false);
    expect(emptyValuePaths(full).size).toBe(0);
  });

  it('keeps every file that may write a key with no value, where the full parse decides', () => {
    for (const text of ['a:\nb: 1\n', 'a:\n  # comment\n', 'spec:\n  selector:\n    matchLabels:\n---\nkind: X\n', 'list:\n- name:\n- other\n', 'last:']) {
      expect(mayHaveEmptyValues(text), text).toBe(true);
    }
    expect([...emptyValuePaths('kind: A\nspec:\n  selector:\n    matchLabels:\n  x: 1\n').values()]).toEqual([[['spec', 'selector', 'matchLabels']]]);
  });
});
