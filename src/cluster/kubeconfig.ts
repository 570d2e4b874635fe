import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { KccError } from '../core/errors.js';

interface NamedEntry {
  name: string;
  [key: string]: unknown;
}
export interface KubeconfigDocument {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: NamedEntry[];
  users: NamedEntry[];
  contexts: NamedEntry[];
  'current-context'?: string;
  preferences?: object;
}

/** A kubeconfig with one cluster, user and context, credentials embedded as data. */
export function singleContextKubeconfig(options: { context: string; server: string; caPem: string; certPem: string; keyPem: string; namespace?: string }): KubeconfigDocument {
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: options.context, cluster: { server: options.server, 'certificate-authority-data': b64(options.caPem) } }],
    users: [{ name: options.context, user: { 'client-certificate-data': b64(options.certPem), 'client-key-data': b64(options.keyPem) } }],
    contexts: [{ name: options.context, context: { cluster: options.context, user: options.context, ...(options.namespace ? { namespace: options.namespace } : {}) } }],
    'current-context': options.context,
    preferences: {},
  };
}

export async function writeKubeconfig(path: string, config: KubeconfigDocument): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, stringify(config), { mode: 0o600 });
  await rename(temporary, path);
}

/** The file kubectl writes to: the first entry of $KUBECONFIG, or ~/.kube/config. */
export function userKubeconfigPath(): string {
  const fromEnv = process.env.KUBECONFIG?.split(':').find(Boolean);
  return fromEnv ?? join(homedir(), '.kube', 'config');
}

function upsert(list: NamedEntry[] | undefined, entry: NamedEntry): NamedEntry[] {
  const others = (list ?? []).filter((item) => item.name !== entry.name);
  return [...others, entry];
}

/** Adds (or replaces) this cluster's context in the user's kubeconfig and makes it current, as kind does. */
export async function mergeIntoUserKubeconfig(source: KubeconfigDocument, target = userKubeconfigPath()): Promise<string> {
  let existing: Partial<KubeconfigDocument> = {};
  if (existsSync(target)) {
    try {
      existing = (parse(readFileSync(target, 'utf8')) as Partial<KubeconfigDocument>) ?? {};
    } catch (error) {
      throw new KccError(`cannot merge into ${target}: it is not valid YAML (${(error as Error).message.split('\n')[0]})`, { hint: 'fix or move that file, or omit --set-context' });
    }
  }
  const merged: KubeconfigDocument = {
    ...existing,
    apiVersion: 'v1',
    kind: 'Config',
    clusters: source.clusters.reduce((list, entry) => upsert(list, entry), existing.clusters ?? []),
    users: source.users.reduce((list, entry) => upsert(list, entry), existing.users ?? []),
    contexts: source.contexts.reduce((list, entry) => upsert(list, entry), existing.contexts ?? []),
    'current-context': source['current-context'],
  };
  await writeKubeconfig(target, merged);
  return target;
}
