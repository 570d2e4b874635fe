import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { parseYaml } from '../yaml-parse.js';

/** A repository `helm repo add` recorded: dependencies may name it as "@name" or "alias:name". */
export interface NamedRepository {
  name: string;
  url: string;
}

/** `$HELM_REPOSITORY_CONFIG`, else `~/.config/helm/repositories.yaml`. */
export function helmRepositoryConfigFile(): string {
  return process.env.HELM_REPOSITORY_CONFIG ?? join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'helm', 'repositories.yaml');
}

/** Reads Helm's repository names; only called when a dependency uses one (kcc needs no `repo add`). */
export function findNamedRepository(name: string, file = helmRepositoryConfigFile()): NamedRepository {
  let repositories: NamedRepository[] = [];
  try {
    const data = parseYaml(readFileSync(file, 'utf8')) as { repositories?: NamedRepository[] } | null;
    repositories = data?.repositories ?? [];
  } catch {
    // No file: the error below says what to do.
  }
  const found = repositories.find((repository) => repository.name === name);
  if (!found) {
    throw new KccError(`no repository named "${name}" in ${file}`, {
      hint: 'write the repository URL in Chart.yaml (repository: https://...), or add the name with `helm repo add NAME URL`',
    });
  }
  return found;
}

/** "@stable" or "alias:stable" -> "stable"; anything else -> undefined. */
export function repositoryAlias(repository: string): string | undefined {
  if (repository.startsWith('@')) return repository.slice(1);
  if (repository.startsWith('alias:')) return repository.slice('alias:'.length);
  return undefined;
}
