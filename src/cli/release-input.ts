import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { KccError } from '../core/errors.js';
import type { KubeObject, TrackedObject } from '../core/kube-object.js';
import { canonicalize } from '../core/serialize.js';
import { getProvider } from '../cluster/index.js';
import { parseDuration } from './release-flags.js';
import { createReleaseContext, KubeClient, type EngineListener, type ReleaseContext } from '../engine/index.js';

export interface ReleaseInputFlags {
  release?: string;
  namespace?: string;
  env?: string;
  dir: string;
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  'retry-timeout'?: string;
  app?: string;
  filename?: string[];
  set?: string[];
  values?: string[];
}

/** The compiled objects plus what a release records about where they came from. */
export interface ReleaseInput {
  objects: KubeObject[];
  /** Each object with where it came from, so preflight errors name file:line. */
  sources: Map<KubeObject, TrackedObject>;
  release: string;
  namespace: string;
  /** The namespace is the environment's in kcc.yaml: the project declares it, so apply creates it. */
  namespaceFromProject: boolean;
  /** Neither -n nor kcc.yaml named the namespace: connect() takes the kubeconfig context's, as kubectl and Helm do. */
  namespaceIsFallback: boolean;
  env?: string;
  values?: unknown;
  source: { digest: string; gitCommit?: string; origin: string };
  cluster?: { provider?: string; name?: string; context?: string; kubeconfig?: string; binaries?: Record<string, string>; nodes?: number };
  notes: string[];
}

interface CompiledLike {
  project?: { name?: string };
  environment?: { name?: string; namespace?: string; cluster?: ReleaseInput['cluster']; values?: unknown };
  objects?: TrackedObject[];
  charts: { name: string; objects: TrackedObject[] }[];
  notes?: string[];
}

/**
 * Compiles what the flags name: -f manifests, -a program (no kcc.yaml), or the kcc.yaml project
 * for --env. Release name and namespace default from the project and environment.
 */
export async function loadReleaseInput(flags: ReleaseInputFlags, options: { needObjects?: boolean } = {}): Promise<ReleaseInput> {
  const dir = resolve(flags.dir);
  const hasProject = existsSync(join(dir, 'kcc.yaml'));
  let compiled: CompiledLike | undefined;
  let origin: string;
  if (options.needObjects === false) {
    compiled = hasProject ? await compileForNames(dir, flags.env) : undefined;
    origin = hasProject ? join(dir, 'kcc.yaml') : dir;
  } else if (flags.filename?.length && (compiled = await readPlainManifestsFast(flags.filename))) {
    origin = flags.filename.join(',');
  } else if (flags.filename?.length) {
    const { readManifestPaths } = await import('../schema/index.js');
    const read = await readManifestPaths(flags.filename.map((f) => resolve(f)));
    if (read.issues.some((i) => i.severity === 'error')) {
      const { formatIssue } = await import('../schema/index.js');
      throw new KccError(`cannot read manifests:\n  ${read.issues.filter((i) => i.severity === 'error').map(formatIssue).join('\n  ')}`);
    }
    compiled = { charts: [{ name: 'manifests', objects: read.objects }] };
    origin = flags.filename.join(',');
  } else if (flags.app && !hasProject && !flags.env) {
    const { runProgram } = await import('../project/run-program.js');
    compiled = await runProgram(resolve(flags.app), {});
    origin = flags.app;
  } else if (hasProject) {
    // compileProject is the project pipeline (app, charts, overlays, environment); see docs/CONTRACTS.md.
    const modulePath = '../project/compile.js';
    const { compileProject } = (await import(modulePath)) as { compileProject: (o: object) => Promise<CompiledLike> };
    compiled = await compileProject({ dir, env: flags.env, app: flags.app ? resolve(flags.app) : undefined, valueFiles: flags.values, set: flags.set });
    origin = join(dir, 'kcc.yaml');
  } else {
    throw new KccError(`nothing to deploy: no kcc.yaml in ${dir}`, { hint: 'pass -f manifests.yaml, -a main.ts, or run where kcc.yaml is' });
  }
  const tracked = compiled?.objects ?? compiled?.charts.flatMap((c) => c.objects) ?? [];
  const objects = tracked.map((t) => t.object);
  const release = flags.release ?? compiled?.project?.name ?? defaultReleaseName(flags, dir);
  const namespace = flags.namespace ?? compiled?.environment?.namespace ?? 'default';
  return {
    objects,
    sources: new Map(tracked.map((t) => [t.object, t])),
    release,
    namespace,
    namespaceFromProject: !flags.namespace && Boolean(compiled?.environment?.namespace),
    namespaceIsFallback: !flags.namespace && !compiled?.environment?.namespace,
    env: flags.env ?? compiled?.environment?.name,
    values: compiled?.environment?.values,
    source: { digest: digestOf(objects), gitCommit: await gitCommit(dir), origin },
    cluster: compiled?.environment?.cluster,
    notes: compiled?.notes ?? [],
  };
}

/**
 * Block-style manifest files (what kcc synth and most generators write) read with the chart
 * module's line reader, which is many times faster than a full YAML parse of a large stream.
 * Anything it does not handle (flow style, anchors, lists, directories) returns undefined and
 * goes through the full reader, which also reports errors with positions.
 */
async function readPlainManifestsFast(paths: string[]): Promise<CompiledLike | undefined> {
  const { readFile, stat } = await import('node:fs/promises');
  const { parseFastYaml } = await import('../core/fast-yaml.js');
  const objects: TrackedObject[] = [];
  for (const path of paths) {
    const file = resolve(path);
    if (!(await stat(file).catch(() => undefined))?.isFile() || !/\.ya?ml$/i.test(file)) return undefined;
    const text = await readFile(file, 'utf8');
    if (/^%/m.test(text)) return undefined;
    let line = 1;
    for (const doc of text.split(/^---[ \t]*$/m)) {
      const lines = doc.split('\n');
      const start = line;
      line += lines.length - 1;
      if (!lines.some((l) => l.trim() && !l.trimStart().startsWith('#'))) continue;
      const value = parseFastYaml(lines) as KubeObject | undefined;
      if (!value || typeof value !== 'object' || !value.apiVersion || !value.kind || value.kind.endsWith('List') || typeof value.metadata !== 'object') return undefined;
      objects.push({ object: value, source: { kind: 'yaml', file, line: start }, touchedBy: [] });
    }
  }
  return { charts: [{ name: 'manifests', objects }] };
}

/**
 * Without --release or a project name: the program's folder (examples/hello/main.ts → "hello"),
 * the manifest file's name (k8s/web.yaml → "web"), else the current folder, as a valid name.
 */
function defaultReleaseName(flags: ReleaseInputFlags, dir: string): string {
  const from = flags.app ? basename(dirname(resolve(flags.app))) : flags.filename?.length ? basename(flags.filename[0]!).replace(/\.(ya?ml|json)$/i, '') : basename(dir);
  const name = from.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 53);
  return name || 'default';
}

/** Release name, namespace and cluster from kcc.yaml alone, for commands that do not deploy. */
async function compileForNames(dir: string, env: string | undefined): Promise<CompiledLike | undefined> {
  const { loadProject } = await import('../project/project-file.js');
  const { project } = loadProject(dir);
  const name = env ?? project.defaultEnvironment;
  const environment = name ? project.environments?.[name] : undefined;
  if (name && !environment) throw new KccError(`kcc.yaml has no environment "${name}"`, { hint: `environments: ${Object.keys(project.environments ?? {}).join(', ') || 'none'}` });
  return { project, environment: environment && { name, ...environment }, charts: [] };
}

function digestOf(objects: KubeObject[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(objects.map((o) => canonicalize(o)))).digest('hex')}`;
}

async function gitCommit(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: dir, timeout: 2000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Connects to the release's cluster: --kubeconfig, else the environment's cluster (a local one is
 * started when not running), else --cluster (local), else the default kubeconfig ($KUBECONFIG's
 * files merged, ~/.kube/config, or the pod's service account inside a cluster). A release whose
 * namespace nobody named takes the kubeconfig context's (else "default"), as kubectl and Helm do.
 */
export async function connect(flags: ReleaseInputFlags, input: Pick<ReleaseInput, 'cluster' | 'release' | 'namespace'> & Partial<Pick<ReleaseInput, 'namespaceIsFallback'>>, onEvent?: EngineListener, options: { startCluster?: boolean } = {}): Promise<ReleaseContext> {
  let kubeconfig = flags.kubeconfig;
  let context = flags.context;
  const target = input.cluster;
  if (!kubeconfig && (target || flags.cluster)) {
    const provider = flags.cluster ? 'local' : target?.provider ?? 'local';
    if (provider === 'kubeconfig') {
      // Like binaries: a path in kcc.yaml is relative to the project, whatever directory kcc runs from.
      kubeconfig = target?.kubeconfig ? resolve(flags.dir, target.kubeconfig.replace(/^~(?=\/)/, homedir())) : undefined;
      context ??= target?.context;
    } else {
      const name = flags.cluster ?? target?.name ?? 'kcc';
      if (provider === 'local' && options.startCluster !== false) {
        onEvent?.({ type: 'phase', phase: 'connect', message: `making sure local cluster "${name}" is running` });
        // kcc.yaml may name its own control-plane binaries, relative to the project directory.
        const binaries = target?.binaries ? Object.fromEntries(Object.entries(target.binaries).map(([component, path]) => [component, resolve(flags.dir, path)])) : undefined;
        kubeconfig = (await getProvider('local', { local: { binaries } }).up({ name, nodes: target?.nodes })).kubeconfigPath;
      } else {
        // Reading commands (history, status...) do not start a cluster: a stopped one has nothing to show.
        kubeconfig = await getProvider(provider).kubeconfig(name);
      }
    }
  }
  // No file chosen: the engine applies kubectl's rules ($KUBECONFIG merged, ~/.kube/config, in-cluster).
  const client = await KubeClient.fromKubeconfig(kubeconfig, context, { retryBudgetMs: parseDuration(flags['retry-timeout'] ?? '30s') });
  client.onRetry = (retry) => onEvent?.({ type: 'message', level: 'warning', message: `cluster unreachable or overloaded (${retry.reason}): retrying ${retry.method} in ${(retry.waitMs / 1000).toFixed(1)} s (attempt ${retry.attempt})` });
  if (input.namespaceIsFallback && client.namespace) input.namespace = client.namespace;
  return createReleaseContext(client, input.release, input.namespace, onEvent);
}
