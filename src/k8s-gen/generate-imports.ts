import ts from 'typescript';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation } from '../core/kube-object.js';
import { snapshotDir } from '../schema/api-resources.js';
import { schemaFileName } from '../schema/generate/generate-all.js';
import { buildKindSchema, reachableDefinitions } from '../schema/generate/kind-schema.js';
import { readOpenApiDefinitions, type ApiPackage, type OpenApiDefinitions } from '../schema/generate/openapi-definitions.js';
import { withDocComment } from '../schema/generate/construct-class.js';
import { generateTypeScriptModule, namedImport, type GeneratedKind, type ModuleStyle } from '../schema/generate/typescript-module.js';
import { namespaceName, typeNaming } from '../schema/generate/typescript-types.js';
import { IMPORTED_MODULE_MARK } from '../project/creation-site-transform.js';
import { IMPORTED_SCHEMA_INDEX, type ImportedSchemaIndex } from '../schema/imported-schemas.js';
import { crdDefinitions, importPrefix, OBJECT_META } from './crd-definitions.js';
import { crdVersionsOf, type CrdVersion } from './crd-versions.js';

export interface CrdInput {
  object: KubeObject;
  location?: SourceLocation;
}

/** One generated module: a group/version and the kinds it holds. */
export interface ImportedModule {
  file: string;
  apiVersion: string;
  kinds: string[];
}

export interface GeneratedImports {
  /** Path relative to the output directory -> content. */
  files: Map<string, string>;
  index: ImportedSchemaIndex;
  modules: ImportedModule[];
  warnings: string[];
}

/** Where the schemas go, relative to the output directory; generated modules register it. */
export const IMPORTED_SCHEMA_DIR = 'schemas';

const f = ts.factory;

/**
 * Generates typed constructs and JSON Schemas for CustomResourceDefinitions with the generator
 * of `src/k8s` (`npm run gen`): one TypeScript module per group/version (`cert-manager.io-v1.ts`),
 * one schema per kind in `schemas/`, and `schemas/index.json`, which the modules register so
 * validation knows the kinds. Pure and deterministic: the same CRDs give the same bytes.
 */
export async function generateImports(crds: CrdInput[], onProgress: (message: string) => void = () => {}): Promise<GeneratedImports> {
  const warnings: string[] = [];
  const versions = collectVersions(crds, warnings);
  if (!versions.length) throw new KccError('no CustomResourceDefinition to import', { hint: 'pass CRD files, a directory of them, or --from-cluster' });

  const meta = readOpenApiDefinitions(snapshotDir());
  const schemaDefinitions: OpenApiDefinitions = { schemas: new Map(), packages: new Map() };
  const typeDefinitions: OpenApiDefinitions = { schemas: new Map(), packages: schemaDefinitions.packages };
  for (const name of reachableDefinitions(meta, OBJECT_META)) {
    schemaDefinitions.schemas.set(name, meta.schemas.get(name)!);
    const prefix = name.slice(0, name.lastIndexOf('.'));
    schemaDefinitions.packages.set(prefix, meta.packages.get(prefix)!);
  }

  const byApiVersion = new Map<string, CrdVersion[]>();
  for (const version of versions) {
    const apiVersion = `${version.group}/${version.version}`;
    byApiVersion.set(apiVersion, [...(byApiVersion.get(apiVersion) ?? []), version]);
  }
  const kinds: GeneratedKind[] = [];
  const moduleDefinitions = new Map<string, string[]>();
  for (const [apiVersion, list] of [...byApiVersion].sort(([a], [b]) => compare(a, b))) {
    const { group, version } = list[0]!;
    const pkg: ApiPackage = { prefix: importPrefix(group, version), group, version, stem: `${group}-${version}` };
    schemaDefinitions.packages.set(pkg.prefix, pkg);
    // Class names and their props types come first; nested types yield to them.
    const taken = new Set(list.flatMap((v) => [v.kind, `${v.kind}Props`]));
    const names: string[] = [];
    for (const crdVersion of [...list].sort((a, b) => compare(a.kind, b.kind))) {
      const generated = crdDefinitions(crdVersion, taken);
      for (const [name, schema] of generated.schemas) schemaDefinitions.schemas.set(name, schema);
      for (const [name, schema] of generated.types) typeDefinitions.schemas.set(name, schema);
      names.push(...generated.schemas.keys());
      kinds.push({ definition: generated.root, apiVersion, group, version, kind: crdVersion.kind, stem: pkg.stem, namespaced: crdVersion.namespaced, deprecatedBy: crdVersion.deprecatedBy });
    }
    moduleDefinitions.set(pkg.stem, names.sort(compare));
  }

  const files = new Map<string, string>();
  const index: ImportedSchemaIndex = { format: 1, kinds: {} };
  const byKey = new Map(versions.map((v) => [`${v.group}/${v.version}/${v.kind}`, v]));
  for (const kind of kinds) {
    const file = schemaFileName(kind);
    const schema = buildKindSchema(schemaDefinitions, { definition: kind.definition, apiVersion: kind.apiVersion, kind: kind.kind, namespaced: kind.namespaced, deprecatedBy: kind.deprecatedBy });
    files.set(`${IMPORTED_SCHEMA_DIR}/${file}`, JSON.stringify(schema) + '\n');
    const source = byKey.get(`${kind.apiVersion}/${kind.kind}`)!;
    index.kinds[`${kind.apiVersion}/${kind.kind}`] = {
      file,
      namespaced: kind.namespaced,
      plural: source.plural,
      crd: source.crdName,
      ...(kind.deprecatedBy ? { deprecatedBy: kind.deprecatedBy } : {}),
    };
  }
  files.set(`${IMPORTED_SCHEMA_DIR}/${IMPORTED_SCHEMA_INDEX}`, JSON.stringify(index, null, 1) + '\n');

  const naming = typeNaming(typeDefinitions, new Set(kinds.map((k) => k.definition)));
  const modules: ImportedModule[] = [];
  for (const [stem, definitions] of moduleDefinitions) {
    const moduleKinds = kinds.filter((k) => k.stem === stem);
    const apiVersion = moduleKinds[0]!.apiVersion;
    const crdNames = [...new Set(moduleKinds.map((k) => byKey.get(`${k.apiVersion}/${k.kind}`)!.crdName))].sort(compare);
    onProgress(`generating ${apiVersion}: ${moduleKinds.map((k) => k.kind).join(', ')}`);
    const style = importedModuleStyle(crdNames);
    const text = await generateTypeScriptModule(typeDefinitions, naming, { stem, apiVersion, definitions, kinds: moduleKinds, kubernetesVersion: '' }, style);
    files.set(`${stem}.ts`, text);
    modules.push({ file: `${stem}.ts`, apiVersion, kinds: moduleKinds.map((k) => k.kind) });
  }
  return { files, index, modules, warnings };
}

function collectVersions(crds: CrdInput[], warnings: string[]): CrdVersion[] {
  const seen = new Map<string, string>();
  const versions: CrdVersion[] = [];
  for (const { object, location } of crds) {
    for (const version of crdVersionsOf(object, location, (message) => warnings.push(message))) {
      const key = `${version.group}/${version.version}/${version.kind}`;
      const other = seen.get(key);
      if (other === version.crdName) continue; // the same CRD given twice (a file and its directory)
      if (other !== undefined) {
        throw new KccError(`${key} is defined by two CustomResourceDefinitions: ${other} and ${version.crdName}`, { location, hint: 'import only one of them' });
      }
      seen.set(key, version.crdName);
      versions.push(version);
    }
  }
  return versions;
}

/** Modules in a user's project take the runtime from the `kcc` package and register their schemas. */
function importedModuleStyle(crdNames: string[]): ModuleStyle {
  return {
    header: `${IMPORTED_MODULE_MARK} from the CustomResourceDefinitions ${crdNames.join(', ')}. Do not edit.`,
    runtimeImports: () => [
      namedImport(['Construct'], 'constructs', true),
      namedImport(['ApiObject', 'registerImportedSchemas', 'toPlainJson'], 'kcc', false),
      namedImport(['KubeObject'], 'kcc', true),
    ],
    stemImport: (stem) => namedImport([namespaceName(stem)], 'kcc/k8s', true),
    prelude: () => [
      withDocComment(f.createExpressionStatement(
        f.createCallExpression(f.createIdentifier('registerImportedSchemas'), undefined, [
          f.createNewExpression(f.createIdentifier('URL'), undefined, [f.createStringLiteral(`./${IMPORTED_SCHEMA_DIR}/`, true), f.createIdentifier('import.meta.url')]),
        ]),
      ), ['Validation knows the kinds of this module once a program imports it (their schemas are in ./schemas/).']),
    ],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
