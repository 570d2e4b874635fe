import ts from 'typescript';

const f = ts.factory;

export interface ConstructClassInput {
  kind: string;
  apiVersion: string;
  propsType: string;
  /** Props must be given when the kind has required fields besides metadata. */
  propsRequired: boolean;
  description?: string;
  deprecatedBy?: string;
  namespaced: boolean;
}

/** Adds a `/** ... *\/` comment above a synthesized node. */
export function withDocComment<T extends ts.Node>(node: T, lines: string[]): T {
  if (lines.length === 0) return node;
  const body = lines.map((line) => ` * ${line.replace(/\*\//g, '*\\/')}`.trimEnd()).join('\n');
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `*\n${body}\n `, true);
}

function propsParameter(input: ConstructClassInput): ts.ParameterDeclaration {
  return f.createParameterDeclaration(
    undefined,
    undefined,
    'props',
    undefined,
    f.createTypeReferenceNode(input.propsType),
    input.propsRequired ? undefined : f.createObjectLiteralExpression(),
  );
}

/**
 * `{ ...Kind.GVK, ...props, metadata: { ...props.metadata } }`: the ApiObject props with apiVersion
 * and kind filled in. Spreading metadata into a fresh literal makes the generated ObjectMeta
 * interface fit core's ObjectMeta (which has an index signature) without a cast.
 */
function gvkAndProps(kind: string): ts.ObjectLiteralExpression {
  return f.createObjectLiteralExpression([
    f.createSpreadAssignment(f.createPropertyAccessExpression(f.createIdentifier(kind), 'GVK')),
    f.createSpreadAssignment(f.createIdentifier('props')),
    f.createPropertyAssignment('metadata', f.createObjectLiteralExpression([f.createSpreadAssignment(f.createPropertyAccessExpression(f.createIdentifier('props'), 'metadata'))])),
  ]);
}

/**
 * The typed construct for one kind:
 *   export class Deployment extends ApiObject {
 *     static readonly GVK = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;
 *     static manifest(props: DeploymentProps = {}): KubeObject { ... }
 *     constructor(scope: Construct, id: string, props: DeploymentProps = {}) { super(...) }
 *   }
 */
export function constructClass(input: ConstructClassInput): ts.ClassDeclaration {
  const gvk = f.createPropertyDeclaration(
    [f.createModifier(ts.SyntaxKind.StaticKeyword), f.createModifier(ts.SyntaxKind.ReadonlyKeyword)],
    'GVK',
    undefined,
    undefined,
    f.createAsExpression(
      f.createObjectLiteralExpression([
        f.createPropertyAssignment('apiVersion', f.createStringLiteral(input.apiVersion, true)),
        f.createPropertyAssignment('kind', f.createStringLiteral(input.kind, true)),
      ]),
      f.createTypeReferenceNode('const'),
    ),
  );
  const manifest = f.createMethodDeclaration(
    [f.createModifier(ts.SyntaxKind.StaticKeyword)],
    undefined,
    'manifest',
    undefined,
    undefined,
    [propsParameter(input)],
    f.createTypeReferenceNode('KubeObject'),
    f.createBlock(
      [
        f.createReturnStatement(
          f.createAsExpression(
            f.createCallExpression(f.createIdentifier('toPlainJson'), undefined, [
              gvkAndProps(input.kind),
            ]),
            f.createTypeReferenceNode('KubeObject'),
          ),
        ),
      ],
      true,
    ),
  );
  const constructor = f.createConstructorDeclaration(
    undefined,
    [
      f.createParameterDeclaration(undefined, undefined, 'scope', undefined, f.createTypeReferenceNode('Construct')),
      f.createParameterDeclaration(undefined, undefined, 'id', undefined, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)),
      propsParameter(input),
    ],
    f.createBlock([f.createExpressionStatement(f.createCallExpression(f.createSuper(), undefined, [f.createIdentifier('scope'), f.createIdentifier('id'), gvkAndProps(input.kind)]))], true),
  );
  const declaration = f.createClassDeclaration(
    [f.createModifier(ts.SyntaxKind.ExportKeyword)],
    input.kind,
    undefined,
    [f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [f.createExpressionWithTypeArguments(f.createIdentifier('ApiObject'), undefined)])],
    [
      withDocComment(gvk, ['The apiVersion and kind this class writes.']),
      withDocComment(manifest, [`A ${input.kind} as a plain manifest object, outside any construct tree (no chart defaults applied).`]),
      withDocComment(constructor, [`Defines a ${input.kind} in the given scope (which must be inside a Chart).`]),
    ],
  );
  const doc = [
    ...(input.description ?? '').split('\n'),
    '',
    `${input.apiVersion} ${input.kind}, ${input.namespaced ? 'namespaced' : 'cluster-scoped'}.`,
    ...(input.deprecatedBy ? [`@deprecated ${input.apiVersion} is superseded; use ${input.deprecatedBy} ${input.kind}`] : []),
  ];
  return withDocComment(declaration, doc.filter((line, i, all) => !(line === '' && (i === 0 || all[i - 1] === ''))));
}
