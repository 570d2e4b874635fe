/**
 * Records where a program creates each construct without capturing a stack trace per object.
 *
 * Capturing V8's stack costs about 7 µs, once per object; for a program with tens of thousands
 * of objects that is a tenth of its synth time. Programs run by `runProgram` are transpiled by
 * kcc anyway, so this transformer marks every `new X(...)` and `super(...)` in the program's own
 * files with its TypeScript position:
 *
 *     new k8s.Deployment(chart, 'web', props)
 *  => (__kccEnter(12, 1), __kccLeave(new k8s.Deployment(chart, 'web', props)))
 *
 * `__kccEnter` pushes the position on a stack shared with kcc (see core/creation-site.ts), which
 * an ApiObject created meanwhile (directly, or by a kcc-plus construct the program created) takes
 * as its location; `__kccLeave` pops it. Both are function declarations appended to the module,
 * so no generated line moves and the source map stays exact. A `new` whose arguments wait
 * (`await`, `yield`) is left alone: it could interleave with other work; objects created there
 * fall back to a stack capture.
 */
import type { Expression, Node, SourceFile, TransformerFactory } from 'typescript';

type TypeScript = typeof import('typescript');

/** The stack's key on globalThis; core/creation-site.ts reads the same one. */
export const CREATION_SITES_KEY = 'kcc.creationSites';

export function creationSiteTransformer(ts: TypeScript): TransformerFactory<SourceFile> {
  return (context) => (sourceFile) => {
    const factory = context.factory;
    let marked = 0;
    const mark = (original: Node, expression: Expression): Expression => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(original.getStart(sourceFile));
      marked++;
      const enter = factory.createCallExpression(factory.createIdentifier('__kccEnter'), undefined, [factory.createNumericLiteral(line + 1), factory.createNumericLiteral(character + 1)]);
      const leave = factory.createCallExpression(factory.createIdentifier('__kccLeave'), undefined, [expression]);
      return factory.createParenthesizedExpression(factory.createBinaryExpression(enter, ts.SyntaxKind.CommaToken, leave));
    };
    const visit = (node: Node): Node => {
      const visited = ts.visitEachChild(node, visit, context);
      if (ts.isNewExpression(node) && !waitsInside(ts, node)) return mark(node, visited as Expression);
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && !waitsInside(ts, node)) return mark(node, visited as Expression);
      return visited;
    };
    const result = ts.visitEachChild(sourceFile, visit, context);
    return marked === 0 ? sourceFile : result;
  };
}

/** Whether an await or yield sits in the expression itself (not in a function nested in it). */
function waitsInside(ts: TypeScript, node: Node): boolean {
  let found = false;
  const look = (child: Node): void => {
    if (found || ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isAwaitExpression(child) || ts.isYieldExpression(child)) found = true;
    else ts.forEachChild(child, look);
  };
  ts.forEachChild(node, look);
  return found;
}

/**
 * The functions the marked expressions call, appended to the module's JavaScript (hoisted, so
 * usable from the first line). `file` is the absolute path of the TypeScript file.
 */
export function creationSiteFooter(file: string): string {
  const stack = `(globalThis[Symbol.for(${JSON.stringify(CREATION_SITES_KEY)})] ??= [])`;
  return [
    `function __kccEnter(line, column) { ${stack}.push({ file: ${JSON.stringify(file)}, line, column }); }`,
    `function __kccLeave(value) { ${stack}.pop(); return value; }`,
    '',
  ].join('\n');
}

/** Whether transpiled code calls the functions above (it then needs the footer). */
export function usesCreationSites(code: string): boolean {
  return code.includes('__kccEnter(');
}
