import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { parseYaml } from '../yaml-parse.js';
import type { TransportOptions } from './transport.js';

/** A repository `helm repo add` recorded: dependencies may name it as "@name" or "alias:name". */
export interface NamedRepository {
  name: string;
  url: string;
  username?: string;
  password?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  insecure_skip_tls_verify?: boolean;
  pass_credentials_all?: boolean;
}

/** `$HELM_REPOSITORY_CONFIG`, else `~/.config/helm/repositories.yaml`. */
export function helmRepositoryConfigFile(): string {
  return process.env.HELM_REPOSITORY_CONFIG ?? join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'helm', 'repositories.yaml');
}

function readRepositories(file: string): NamedRepository[] {
  try {
    const data = parseYaml(readFileSync(file, 'utf8')) as { repositories?: NamedRepository[] } | null;
    return (data?.repositories ?? []).filter((entry) => entry && typeof entry.url === 'string');
  } catch {
    return [];
  }
}

/** Reads Helm's repository names; only called when a dependency uses one (kcc needs no `repo add`). */
export function findNamedRepository(name: string, file = helmRepositoryConfigFile()): NamedRepository {
  const found = readRepositories(file).find((repository) => repository.name === name);
  if (!found) {
    throw new KccError(`no repository named "${name}" in ${file}`, {
      hint: 'write the repository URL in Chart.yaml (repository: https://...), or add the name with `helm repo add NAME URL`',
    });
  }
  return found;
}

/**
 * The login and TLS settings `helm repo add` recorded for a repository URL (compared without a
 * trailing slash, as Helm does), turned into kcc's options; empty when Helm does not know it.
 */
export function helmRepositorySettings(url: string, file = helmRepositoryConfigFile()): Partial<TransportOptions> {
  const wanted = url.replace(/\/+$/, '');
  const entry = readRepositories(file).find((repository) => repository.url.replace(/\/+$/, '') === wanted);
  if (!entry) return {};
  const settings: Partial<TransportOptions> = {
    username: entry.username || undefined,
    password: entry.password || undefined,
    caFile: entry.caFile || undefined,
    certFile: entry.certFile || undefined,
    keyFile: entry.keyFile || undefined,
    insecureSkipTlsVerify: entry.insecure_skip_tls_verify || undefined,
    passCredentials: entry.pass_credentials_all || undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

/** "@stable" or "alias:stable" -> "stable"; anything else -> undefined. */
export function repositoryAlias(repository: string): string | undefined {
  if (repository.startsWith('@')) return repository.slice(1);
  if (repository.startsWith('alias:')) return repository.slice('alias:'.length);
  return undefined;
}
