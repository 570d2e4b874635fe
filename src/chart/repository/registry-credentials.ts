import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RegistryCredential {
  username: string;
  password: string;
}

/**
 * Where Helm looks for registry logins, in its order: its own registry config
 * (`$HELM_REGISTRY_CONFIG`, else `~/.config/helm/registry/config.json`), then Docker's
 * (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`). Both are Docker's format.
 */
export function registryConfigFiles(explicit?: string): string[] {
  const configHome = process.env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const helm = explicit ?? process.env.HELM_REGISTRY_CONFIG ?? join(configHome, 'helm', 'registry', 'config.json');
  const docker = join(process.env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  return [helm, docker];
}

/**
 * The stored login for a registry host, read only when a registry asks for credentials. Entries
 * may be keyed "host", "https://host" or "https://host/v1/" (what `docker login` writes for Docker
 * Hub). Credential helpers (`credsStore`) are not run: kcc never starts another program for this.
 */
export function findRegistryCredential(host: string, configFiles: string[]): RegistryCredential | undefined {
  for (const file of configFiles) {
    let config: { auths?: Record<string, { auth?: string; username?: string; password?: string }> };
    try {
      config = JSON.parse(readFileSync(file, 'utf8')) as typeof config;
    } catch {
      continue;
    }
    for (const [key, entry] of Object.entries(config.auths ?? {})) {
      if (hostOf(key) !== host || !entry) continue;
      if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
      if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
      }
    }
  }
  return undefined;
}

function hostOf(key: string): string {
  const withoutScheme = key.replace(/^[a-z]+:\/\//i, '');
  const host = withoutScheme.split('/')[0]!;
  // Docker Hub's logins are stored under its v1 index address.
  return host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}
