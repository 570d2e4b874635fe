import { readClusterCrds, readCrdFiles, type ExternalCrds } from '../../schema/crd-sources.js';
import { checkReferences, countIssues, formatIssue, readManifestBuffer, readManifestPaths, sortIssues, validateObjects, type ReadManifestsResult, type SkippedPath, type ValidationIssue } from '../../schema/index.js';
import type { ParsedCommand } from '../command-spec.js';
import { FINDING_FORMATS, formatFindings, issueAsFinding, type FindingFormat } from '../findings.js';
import { printData } from '../print-data.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTED_SCHEMA_INDEX, registerImportedSchemas } from '../../schema/imported-schemas.js';
import { pathToFileURL } from 'node:url';
import { kccVersion, packageRoot } from '../../cluster/controlplane-pin.js';
import type { validateSpec } from '../specs/validate.js';

/** `kcc validate`: every object of the given files checked; exit 1 on errors (or warnings with --strict). */
export async function runValidate({ argv, flags }: ParsedCommand<typeof validateSpec>): Promise<void> {
  const paths = argv;
  registerProjectImports(flags.imports);
  const external = await externalCrds(flags);
  const { objects, issues: readIssues, files, skipped } = paths.includes('-') ? await readWithStdin(paths) : await readManifestPaths(paths);
  const validated = validateObjects(objects, { crds: external.crds });
  const issues = sortIssues([...external.issues, ...readIssues, ...validated, ...checkReferences(objects)]);
  const { errors, warnings } = countIssues(issues);
  const summary = `${files.length} file${plural(files.length)}, ${objects.length} object${plural(objects.length)}: ${errors} error${plural(errors)}, ${warnings} warning${plural(warnings)}`;
  if (FINDING_FORMATS.includes(flags.output as FindingFormat)) {
    process.stdout.write(formatFindings(flags.output as FindingFormat, issues.map(issueAsFinding), { name: 'kcc validate', version: kccVersion() }, files));
    process.stderr.write(`${summary}\n`);
  } else printData(flags.output, { files: files.length, objects: objects.length, errors, warnings, issues, skipped }, () => renderText(issues, skipped, summary));
  if (errors > 0 || (flags.strict && warnings > 0)) process.exitCode = 1;
}

/** Kinds `kcc import` generated: a program registers them by importing the modules; plain YAML needs the directory. */
function registerProjectImports(dir: string | undefined): void {
  const schemas = join(dir ?? 'imports', 'schemas');
  if (dir === undefined && !existsSync(join(schemas, IMPORTED_SCHEMA_INDEX))) return;
  registerImportedSchemas(schemas);
}

/** The CRDs of --crds and --from-cluster (the engine is loaded only for the latter). */
async function externalCrds(flags: ParsedCommand<typeof validateSpec>['flags']): Promise<ExternalCrds> {
  const found: ExternalCrds = { crds: [], issues: [] };
  if (flags.crds?.length) {
    const fromFiles = await readCrdFiles(flags.crds);
    found.crds.push(...fromFiles.crds);
    found.issues.push(...fromFiles.issues);
  }
  if (flags['from-cluster']) {
    // By path, from the built package: a literal import would put the whole engine in the validate bundle.
    const engine = pathToFileURL(join(packageRoot, 'dist', 'engine', 'kube-client.js')).href;
    const { KubeClient } = (await import(engine)) as typeof import('../../engine/kube-client.js');
    const client = await KubeClient.fromKubeconfig(flags.kubeconfig, flags.context);
    found.crds.push(...(await readClusterCrds(client)).crds);
  }
  return found;
}

async function readWithStdin(paths: string[]): Promise<ReadManifestsResult> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const fromStdin = readManifestBuffer(Buffer.concat(chunks), '<stdin>');
  const rest = paths.filter((p) => p !== '-');
  if (rest.length === 0) return fromStdin;
  const fromFiles = await readManifestPaths(rest);
  return {
    objects: [...fromStdin.objects, ...fromFiles.objects],
    issues: [...fromStdin.issues, ...fromFiles.issues],
    files: [...fromStdin.files, ...fromFiles.files],
    skipped: fromFiles.skipped,
  };
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/**
 * Hidden entries and node_modules are named (one may hold manifests: `.github/`); other files
 * are only counted, since a manifest directory often holds a README or scripts.
 */
function skippedLines(skipped: SkippedPath[]): string[] {
  const named = skipped.filter((s) => s.reason !== 'not a manifest').map((s) => `skipped ${s.path} (${s.reason}: name it to validate it)`);
  const others = skipped.length - named.length;
  return others ? [...named, `skipped ${others} file${plural(others)} that ${others === 1 ? 'is' : 'are'} not .yaml, .yml or .json`] : named;
}

function renderText(issues: ValidationIssue[], skipped: SkippedPath[], summary: string): string {
  return [...issues.map(formatIssue), ...skippedLines(skipped), summary].join('\n');
}
