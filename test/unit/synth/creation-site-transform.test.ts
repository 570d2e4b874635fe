import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { creationSiteFooter, creationSiteTransformer, usesCreationSites } from '../../../src/project/creation-site-transform.js';

function transpile(source: string): { code: string; map: { mappings: string } } {
  const result = ts.transpileModule(source, {
    fileName: '/app/main.ts',
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true },
    transformers: { before: [creationSiteTransformer(ts)] },
  });
  return { code: result.outputText, map: JSON.parse(result.sourceMapText ?? '{}') as { mappings: string } };
}

describe('creationSiteTransformer', () => {
  it('marks every new and super() with its TypeScript line and column, innermost first', () => {
    const { code } = transpile(['class Web extends Base {', '  constructor(s: unknown) {', '    super(s, new Props());', '  }', '}', 'const web: Web = new Web(new Scope());', ''].join('\n'));
    expect(code).toContain('(__kccEnter(3, 5), __kccLeave(super(s, (__kccEnter(3, 14), __kccLeave(new Props())))))');
    expect(code).toContain('(__kccEnter(6, 18), __kccLeave(new Web((__kccEnter(6, 26), __kccLeave(new Scope())))))');
    expect(usesCreationSites(code)).toBe(true);
  });

  it('leaves a new whose arguments await alone, but not one inside a function there', () => {
    const { code } = transpile(['const a = new Thing(await load());', 'const b = new Other(async () => { await load(); });', ''].join('\n'));
    expect(code).toContain('new Thing(await load())');
    expect(code).not.toContain('__kccLeave(new Thing');
    expect(code).toContain('__kccLeave(new Other(');
  });

  it('keeps every generated line where it was, so the source map still holds', () => {
    const plainly = (source: string) => ts.transpileModule(source, { fileName: '/app/main.ts', compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: true } }).outputText;
    const without = ['import { x } from "./x";', 'export const y = x + 1;', ''].join('\n');
    expect(transpile(without).code).toBe(plainly(without));
    expect(usesCreationSites(transpile(without).code)).toBe(false);
    const withNews = ['import { A } from "./a";', 'const a = new A(', '  1,', ');', 'export const b = [new A(2), a];', ''].join('\n');
    const lines = transpile(withNews).code.split('\n');
    const plainLines = plainly(withNews).split('\n');
    expect(lines.length).toBe(plainLines.length);
    lines.forEach((line, index) => {
      if (!line.includes('__kcc')) expect(line).toBe(plainLines[index]);
    });
  });

  it('the footer pushes and pops positions on the stack kcc reads', () => {
    const key = Symbol.for('kcc.creationSites');
    const globals = globalThis as Record<symbol, unknown>;
    const saved = globals[key];
    globals[key] = [];
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const run = new Function(`${creationSiteFooter('/app/main.ts')}\n__kccEnter(4, 2); const inside = [...globalThis[Symbol.for('kcc.creationSites')]]; const value = __kccLeave(42); return { inside, value, after: globalThis[Symbol.for('kcc.creationSites')].length };`);
      expect(run()).toEqual({ inside: [{ file: '/app/main.ts', line: 4, column: 2 }], value: 42, after: 0 });
    } finally {
      globals[key] = saved;
    }
  });
});
