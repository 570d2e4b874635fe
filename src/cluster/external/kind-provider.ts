import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { assertClusterName, type ClusterInfo, type ClusterProvider, type ClusterStatus, type UpOptions } from '../provider.js';
import { clustersDir } from '../state-home.js';
import { dockerEngineAnswers, onPath, requireTools, runCli } from './run-cli.js';
import { existsSync } from 'node:fs';

/** kind clusters through the real `kind` CLI; kcc keeps each one's kubeconfig beside its local clusters. */
export class KindProvider implements ClusterProvider {
  readonly name = 'kind' as const;

  kubeconfigPath(name: string): string {
    return join(clustersDir(), `kind-${name}`, 'kubeconfig');
  }

  private preflight(): void {
    requireTools('kind', [
      { name: 'kind', present: onPath('kind'), install: 'install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)' },
      { name: 'a running Docker engine', present: dockerEngineAnswers(), install: 'start Docker (`docker info` must succeed)' },
    ]);
  }

  async up(options: UpOptions): Promise<ClusterInfo> {
    assertClusterName(options.name);
    this.preflight();
    const kubeconfig = this.kubeconfigPath(options.name);
    await mkdir(join(clustersDir(), `kind-${options.name}`), { recursive: true });
    const existing = await kindClusters();
    if (existing.includes(options.name)) {
      await runCli('kind', ['export', 'kubeconfig', '--name', options.name, '--kubeconfig', kubeconfig]);
      return { name: options.name, provider: 'kind', kubeconfigPath: kubeconfig, server: await serverOf(kubeconfig), alreadyRunning: true };
    }
    options.onProgress?.({ step: `creating kind cluster "${options.name}"`, detail: 'kind create cluster (usually 30-60 s)' });
    await runCli('kind', ['create', 'cluster', '--name', options.name, '--kubeconfig', kubeconfig, '--wait', '120s']);
    if (options.setContext) await runCli('kind', ['export', 'kubeconfig', '--name', options.name]);
    return { name: options.name, provider: 'kind', kubeconfigPath: kubeconfig, server: await serverOf(kubeconfig) };
  }

  async down(name: string): Promise<void> {
    assertClusterName(name);
    this.preflight();
    const existing = await kindClusters();
    if (!existing.includes(name)) throw new KccError(`there is no kind cluster named "${name}"`, { hint: 'list them with `kind get clusters`' });
    await runCli('kind', ['delete', 'cluster', '--name', name, '--kubeconfig', this.kubeconfigPath(name)]);
  }

  async status(name: string): Promise<ClusterStatus> {
    assertClusterName(name);
    this.preflight();
    const existing = await kindClusters();
    const running = existing.includes(name);
    return { name, provider: 'kind', state: running ? 'running' : 'stopped', components: [], ...(running ? { kubeconfigPath: this.kubeconfigPath(name) } : {}) };
  }

  async list(): Promise<ClusterStatus[]> {
    this.preflight();
    const names = await kindClusters();
    return names.map((name) => ({ name, provider: 'kind' as const, state: 'running' as const, components: [] }));
  }

  async kubeconfig(name: string): Promise<string> {
    assertClusterName(name);
    this.preflight();
    const path = this.kubeconfigPath(name);
    await mkdir(join(clustersDir(), `kind-${name}`), { recursive: true });
    await runCli('kind', ['export', 'kubeconfig', '--name', name, '--kubeconfig', path]);
    return path;
  }

  async logs(name: string): Promise<string> {
    assertClusterName(name);
    this.preflight();
    const dir = join(clustersDir(), `kind-${name}`, 'logs');
    await runCli('kind', ['export', 'logs', dir, '--name', name]);
    return `kind wrote the cluster's logs to ${dir}`;
  }
}

/** Names from `kind get clusters` (which prints "No kind clusters found." when there are none). */
async function kindClusters(): Promise<string[]> {
  const lines = (await runCli('kind', ['get', 'clusters'])).stdout.split('\n').map((line) => line.trim());
  return lines.filter((line) => line && !line.startsWith('No kind clusters'));
}

async function serverOf(kubeconfig: string): Promise<string> {
  if (!existsSync(kubeconfig)) return '';
  const match = /server:\s*(\S+)/.exec(await readFile(kubeconfig, 'utf8'));
  return match?.[1] ?? '';
}
