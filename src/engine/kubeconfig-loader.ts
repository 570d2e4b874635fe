import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { KccError } from '../core/errors.js';

/** A named cluster, user or context, with the file and key it came from for error messages. */
export interface KubeconfigEntry {
  name: string;
  /** The entry's `cluster:`, `user:` or `context:` mapping, file paths made absolute. */
  value: Record<string, any>;
  file: string;
  /** Where in the file, as a reader would look for it: `clusters[dev].cluster`. */
  key: string;
}

/** Several kubeconfig files merged by kubectl's loading rules. */
export interface MergedKubeconfig {
  /** The files that were read, first (highest precedence) first. */
  files: string[];
  currentContext?: { name: string; file: string };
  clusters: Map<string, KubeconfigEntry>;
  users: Map<string, KubeconfigEntry>;
  contexts: Map<string, KubeconfigEntry>;
}

/** One context with the cluster and user it names, ready to turn into credentials. */
export interface ResolvedContext {
  name: string;
  namespace?: string;
  cluster: KubeconfigEntry;
  user?: KubeconfigEntry;
}

export interface KubeconfigEnvironment {
  env?: NodeJS.ProcessEnv;
  /** @default os.homedir() */
  home?: string;
}

/**
 * The files to read, as kubectl picks them: an explicit path alone; else every entry of
 * `$KUBECONFIG` (separated by the platform's path delimiter, ':' here), in order; else
 * `~/.kube/config`. `explicit` tells the caller that a missing file is an error rather than
 * "no kubeconfig here".
 */
export function kubeconfigFiles(explicitPath: string | undefined, environment: KubeconfigEnvironment = {}): { files: string[]; explicit: boolean } {
  if (explicitPath) return { files: [resolve(explicitPath)], explicit: true };
  const fromEnv = (environment.env ?? process.env).KUBECONFIG?.split(delimiter).filter(Boolean) ?? [];
  if (fromEnv.length) return { files: fromEnv.map((file) => resolve(file)), explicit: false };
  return { files: [join(environment.home ?? homedir(), '.kube', 'config')], explicit: false };
}

/**
 * Per-file paths that are relative to the file that holds them (kubectl's ResolvePaths): after the
 * merge, a cluster from ~/a/config and a user from ~/b/config each still find their own files.
 */
const RELATIVE_PATH_FIELDS: Record<'clusters' | 'users', string[]> = {
  clusters: ['certificate-authority'],
  users: ['client-certificate', 'client-key', 'tokenFile'],
};

const SECTIONS = [
  { list: 'clusters', field: 'cluster' },
  { list: 'users', field: 'user' },
  { list: 'contexts', field: 'context' },
] as const;

/**
 * Reads and merges kubeconfig files the way kubectl's loading rules do: for each cluster, user
 * and context name the first file that defines it wins (the entry is taken whole, never merged
 * field by field), and so does the first file that sets `current-context`. Files that do not
 * exist are skipped, as kubectl skips them, unless `explicit` (a path the user typed).
 */
export function mergeKubeconfigFiles(files: string[], explicit = false): MergedKubeconfig {
  const merged: MergedKubeconfig = { files: [], clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const file of files) {
    if (!explicit && !existsSync(file)) continue;
    const config = readKubeconfigFile(file);
    merged.files.push(file);
    if (config['current-context'] && !merged.currentContext) merged.currentContext = { name: String(config['current-context']), file };
    for (const { list, field } of SECTIONS) {
      const entries = config[list] ?? [];
      if (!Array.isArray(entries)) throw kubeconfigError(file, list, `must be a list, not ${typeof entries}`);
      entries.forEach((entry: any, index: number) => {
        if (typeof entry?.name !== 'string' || !entry.name) throw kubeconfigError(file, `${list}[${index}].name`, 'is missing');
        const key = `${list}[${entry.name}].${field}`;
        const value = entry[field] ?? {};
        if (typeof value !== 'object' || Array.isArray(value)) throw kubeconfigError(file, key, 'must be a mapping');
        const target = merged[list];
        if (!target.has(entry.name)) target.set(entry.name, { name: entry.name, value: resolvePaths(list, value, dirname(file)), file, key });
      });
    }
  }
  return merged;
}

function readKubeconfigFile(file: string): Record<string, any> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KccError(`cannot read kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      hint: 'pass --kubeconfig, fix $KUBECONFIG, or start a cluster with kcc cluster up',
      exitCode: 2,
    });
  }
  let config: unknown;
  try {
    config = parse(text);
  } catch (error) {
    throw new KccError(`kubeconfig ${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { exitCode: 2 });
  }
  if (config === null || config === undefined) return {};
  if (typeof config !== 'object' || Array.isArray(config)) throw new KccError(`kubeconfig ${file} is not a mapping`, { exitCode: 2 });
  return config as Record<string, any>;
}

function resolvePaths(list: 'clusters' | 'users' | 'contexts', value: Record<string, any>, base: string): Record<string, any> {
  const copy = { ...value };
  const absolute = (path: unknown) => (typeof path === 'string' && path && !isAbsolute(path) ? join(base, path) : path);
  for (const field of list === 'contexts' ? [] : RELATIVE_PATH_FIELDS[list]) {
    if (field in copy) copy[field] = absolute(copy[field]);
  }
  // An exec plugin named with a path ("./bin/token") is relative to the kubeconfig; a bare name is looked up on PATH.
  if (list === 'users' && typeof copy.exec?.command === 'string' && copy.exec.command.includes('/')) {
    copy.exec = { ...copy.exec, command: absolute(copy.exec.command) };
  }
  return copy;
}

/** The context to use (`contextName`, else the merged current-context) with its cluster and user. */
export function resolveContext(merged: MergedKubeconfig, contextName?: string): ResolvedContext {
  const where = merged.files.join(':');
  const name = contextName ?? merged.currentContext?.name;
  const known = [...merged.contexts.keys()].join(', ') || 'none';
  if (!name) throw new KccError(`kubeconfig ${where} has no current context`, { hint: `contexts: ${known}; pass --context`, exitCode: 2 });
  const context = merged.contexts.get(name);
  if (!context) {
    const file = contextName ? where : merged.currentContext!.file;
    const key = contextName ? '--context' : 'current-context';
    throw new KccError(`kubeconfig ${file}: ${key}: no context "${name}"`, { hint: `contexts: ${known}`, exitCode: 2 });
  }
  const clusterName = context.value.cluster;
  const cluster = typeof clusterName === 'string' ? merged.clusters.get(clusterName) : undefined;
  if (!cluster) {
    const problem = clusterName ? `names cluster "${clusterName}", which no kubeconfig file defines` : 'names no cluster';
    throw kubeconfigError(context.file, `${context.key}.cluster`, problem);
  }
  const userName = context.value.user;
  const user = typeof userName === 'string' && userName ? merged.users.get(userName) : undefined;
  if (userName && !user) throw kubeconfigError(context.file, `${context.key}.user`, `names user "${userName}", which no kubeconfig file defines`);
  const namespace = typeof context.value.namespace === 'string' && context.value.namespace ? context.value.namespace : undefined;
  return { name, namespace, cluster, user };
}

/** "kubeconfig FILE: KEY: PROBLEM", the one line that tells the user where to look. */
export function kubeconfigError(file: string, key: string, problem: string, hint?: string): KccError {
  return new KccError(`kubeconfig ${file}: ${key}: ${problem}`, { hint, exitCode: 2 });
}
