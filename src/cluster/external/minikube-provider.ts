import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { KccError } from '../../core/errors.js';
import { assertClusterName, type ClusterInfo, type ClusterProvider, type ClusterStatus, type UpOptions } from '../provider.js';
import { clustersDir } from '../state-home.js';
import { dockerEngineAnswers, onPath, requireTools, runCli } from './run-cli.js';

/**
 * minikube profiles through the real `minikube` CLI (docker driver). minikube writes its context
 * into the file named by KUBECONFIG, so kcc points that at a file of its own for each profile.
 */
export class MinikubeProvider implements ClusterProvider {
  readonly name = 'minikube' as const;

  kubeconfigPath(name: string): string {
    return join(clustersDir(), `minikube-${name}`, 'kubeconfig');
  }

  private preflight(): void {
    requireTools('minikube', [
      { name: 'minikube', present: onPath('minikube'), install: 'install minikube (https://minikube.sigs.k8s.io/docs/start/)' },
      { name: 'a running Docker engine', present: dockerEngineAnswers(), install: 'start Docker (`docker info` must succeed)' },
    ]);
  }

  /** minikube writes its context into the file KUBECONFIG names: give it this profile's own file. */
  private run(name: string, args: string[], allowFailure = false) {
    return runCli('minikube', args, { allowFailure, env: { KUBECONFIG: this.kubeconfigPath(name) } });
  }

  async up(options: UpOptions): Promise<ClusterInfo> {
    assertClusterName(options.name);
    this.preflight();
    await mkdir(join(clustersDir(), `minikube-${options.name}`), { recursive: true });
    const status = await this.run(options.name, ['status', '-p', options.name, '--output', 'json'], true);
    const alreadyRunning = status.code === 0;
    if (!alreadyRunning) {
      options.onProgress?.({ step: `starting minikube profile "${options.name}"`, detail: 'minikube start (usually 30-90 s)' });
      await this.run(options.name, ['start', '-p', options.name, '--driver=docker', `--nodes=${options.nodes ?? 1}`, '--wait=all']);
    } else {
      await this.run(options.name, ['update-context', '-p', options.name]);
    }
    return { name: options.name, provider: 'minikube', kubeconfigPath: this.kubeconfigPath(options.name), server: '', alreadyRunning };
  }

  async down(name: string): Promise<void> {
    assertClusterName(name);
    this.preflight();
    const status = await this.run(name, ['status', '-p', name, '--output', 'json'], true);
    if (status.code !== 0 && !existsSync(this.kubeconfigPath(name))) throw new KccError(`there is no minikube profile named "${name}"`, { hint: 'list them with `minikube profile list`' });
    await this.run(name, ['delete', '-p', name]);
  }

  async status(name: string): Promise<ClusterStatus> {
    assertClusterName(name);
    this.preflight();
    const status = await this.run(name, ['status', '-p', name, '--output', 'json'], true);
    return { name, provider: 'minikube', state: status.code === 0 ? 'running' : 'stopped', components: [], kubeconfigPath: this.kubeconfigPath(name) };
  }

  async list(): Promise<ClusterStatus[]> {
    this.preflight();
    const result = await runCli('minikube', ['profile', 'list', '--output', 'json'], { allowFailure: true });
    try {
      const parsed = JSON.parse(result.stdout) as { valid?: { Name: string; Status: string }[] };
      return (parsed.valid ?? []).map((profile) => ({ name: profile.Name, provider: 'minikube' as const, state: profile.Status === 'Running' ? ('running' as const) : ('stopped' as const), components: [] }));
    } catch {
      return [];
    }
  }

  async kubeconfig(name: string): Promise<string> {
    assertClusterName(name);
    this.preflight();
    await mkdir(join(clustersDir(), `minikube-${name}`), { recursive: true });
    await this.run(name, ['update-context', '-p', name]);
    return this.kubeconfigPath(name);
  }

  async logs(name: string, options: { tail?: number } = {}): Promise<string> {
    assertClusterName(name);
    this.preflight();
    return (await this.run(name, ['logs', '-p', name, '-n', String(options.tail ?? 50)])).stdout;
  }
}
