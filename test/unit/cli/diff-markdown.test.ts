import { describe, expect, it } from 'vitest';
import { renderDiffMarkdown, type DiffReport } from '../../../src/cli/commands/diff.js';

// Patches as the engine writes them (diff-release.ts): unified diffs, Secret values already masked.
const deploymentPatch = `--- live/Deployment/shop/web
+++ kcc/Deployment/shop/web
@@ -10,3 +10,3 @@
       containers:
-        - image: nginx:9.9
+        - image: nginx:1.25
`;
const secretPatch = `--- live/Secret/shop/creds
+++ kcc/Secret/shop/creds
@@ -1,4 +1,4 @@
 data:
-  password: '*** (old value)'
+  password: '*** (new value)'
`;

function report(overrides: Partial<DiffReport> = {}): DiffReport {
  return {
    release: 'shop',
    namespace: 'shop',
    diffs: [
      {
        object: 'Deployment/shop/web',
        action: 'update',
        patch: deploymentPatch,
        drift: ['spec.template.spec.containers[0].image'],
        reclaimFrom: ['kubectl-set'],
      },
      { object: 'Secret/shop/creds', action: 'update', patch: secretPatch },
      { object: 'ConfigMap/shop/old', action: 'prune', patch: '--- live/ConfigMap/shop/old\n+++ /dev/null\n@@ -1 +0,0 @@\n-data: {}\n' },
    ],
    refused: [],
    hints: [],
    ...overrides,
  };
}

describe('kcc diff -o markdown', () => {
  it('summarises every object in a table: action and drift, with who edited it', () => {
    const md = renderDiffMarkdown(report());
    expect(md).toMatch(/^### kcc diff: release `shop` in namespace `shop`$/m);
    expect(md).toContain('3 objects would change: 2 to update, 1 to prune.');
    const table = md.split('\n').filter((line) => line.startsWith('|'));
    expect(table).toEqual([
      '| object | action | drift |',
      '|---|---|---|',
      '| `Deployment/shop/web` | update | edited outside kcc at spec.template.spec.containers[0].image; takes back fields edited by kubectl-set |',
      '| `Secret/shop/creds` | update |  |',
      '| `ConfigMap/shop/old` | prune |  |',
    ]);
  });

  it('puts each unified diff, unchanged, in a diff fence inside a collapsed <details> block', () => {
    const md = renderDiffMarkdown(report());
    expect(md).toContain(`<details><summary><code>Deployment/shop/web</code> (update)</summary>\n\n\`\`\`diff\n${deploymentPatch}\`\`\`\n\n</details>\n`);
    expect(md.match(/<details>/g)).toHaveLength(3);
    expect(md.match(/<\/details>/g)).toHaveLength(3);
  });

  it('keeps the masked Secret values masked and adds no value of its own', () => {
    const md = renderDiffMarkdown(report());
    expect(md).toContain("-  password: '*** (old value)'");
    expect(md).toContain("+  password: '*** (new value)'");
    expect(md).not.toMatch(/password: (?!'\*\*\*)/);
  });

  it('lists what apply would refuse, with hints, even when no object changes', () => {
    const md = renderDiffMarkdown(
      report({
        diffs: [],
        refused: ['Deployment/shop/web: exists and belongs to release "other"', 'Namespace shop does not exist <and is not declared>'],
        hints: ['pass --take-ownership to take it'],
      }),
    );
    expect(md).toContain('No object would change.');
    expect(md).toContain('> **Apply would refuse** (nothing would be written):');
    expect(md).toContain('> - Deployment/shop/web: exists and belongs to release "other"');
    // Raw HTML from a message would vanish (or render) in a GitHub comment.
    expect(md).toContain('> - Namespace shop does not exist &lt;and is not declared&gt;');
    expect(md).toContain('> - hint: pass --take-ownership to take it');
    expect(md).not.toContain('| object |');
  });

  it('says which namespaces apply creates and which objects it takes over, under the summary', () => {
    const md = renderDiffMarkdown(
      report({ namespacesToCreate: ['shop'], adopted: ['ConfigMap/shop/legacy'], takenOver: [{ object: 'Service/shop/web', from: 'old-shop' }] }),
    );
    const summary = md.indexOf('3 objects would change');
    const table = md.indexOf('| object |');
    const expected = [
      'Namespaces created first: `shop`.',
      'Adopted (they belonged to no release): `ConfigMap/shop/legacy`.',
      'Taken over from release `old-shop`: `Service/shop/web`.',
    ];
    for (const line of expected) {
      expect(md).toContain(`\n${line}\n`);
      expect(md.indexOf(line)).toBeGreaterThan(summary);
      expect(md.indexOf(line)).toBeLessThan(table);
    }
  });

  it('says "No changes." when there is nothing to do', () => {
    expect(renderDiffMarkdown(report({ diffs: [] }))).toBe('### kcc diff: release `shop` in namespace `shop`\n\nNo changes.\n');
  });

  it('fences a patch containing backticks with a longer fence, and escapes | in table cells', () => {
    const patch = '--- a\n+++ b\n@@ -1 +1 @@\n-  script: "```"\n+  script: "````x"\n';
    const md = renderDiffMarkdown(report({ diffs: [{ object: 'ConfigMap/shop/a|b', action: 'create', patch }] }));
    expect(md).toContain(`\`\`\`\`\`diff\n${patch}\`\`\`\`\`\n`);
    expect(md).toContain('| `ConfigMap/shop/a\\|b` | create |  |');
  });

  it('stays under the size of a GitHub comment, naming the diffs it leaves out', () => {
    const big = `--- a\n+++ b\n@@ -1,2000 +1,2000 @@\n${'+  line: some fairly long value to fill the comment\n'.repeat(500)}`;
    const diffs = Array.from({ length: 10 }, (_, i) => ({ object: `ConfigMap/shop/big-${i}`, action: 'create' as const, patch: big }));
    const md = renderDiffMarkdown(report({ diffs }));
    expect(md.length).toBeLessThan(65_536);
    expect(md).toContain('| `ConfigMap/shop/big-9` | create |  |');
    const shown = md.match(/<details>/g)?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(10);
    expect(md).toContain(`${10 - shown} diffs left out to fit a comment (run \`kcc diff\` to see them): \`ConfigMap/shop/big-${shown}\``);
  });
});
