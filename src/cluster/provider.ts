import { KccError } from '../core/errors.js';

export type ProviderName = 'local' | 'kind' | 'minikube';
export const PROVIDERS: ProviderName[] = ['local', 'kind', 'minikube'];

/** One line of progress while a provider works; the CLI renders these (spinner or plain lines). */
export interface ProgressEvent {
  step: string;
  detail?: string;
  /** Set when the step finished, with how long it took. */
  elapsedMs?: number;
}
export type ProgressListener = (event: ProgressEvent) => void;

export interface UpOptions {
  name: string;
  /** Simulated (local) or real (kind/minikube) worker nodes. @default 1 */
  nodes?: number;
  /** Merge a context for this cluster into the user's kubeconfig. @default false */
  setContext?: boolean;
  /** Fixed API server port instead of a free one (local provider). */
  apiPort?: number;
  /** A KubeSchedulerConfiguration file for the bundled scheduler (profiles, schedulerName). */
  schedulerConfig?: string;
  onProgress?: ProgressListener;
}

export interface ClusterInfo {
  name: string;
  provider: ProviderName;
  kubeconfigPath: string;
  server: string;
  /** True when up found the cluster already running and did nothing. */
  alreadyRunning?: boolean;
}

export interface ComponentStatus {
  name: string;
  running: boolean;
  pid?: number;
}

export interface ClusterStatus {
  name: string;
  provider: ProviderName;
  /** running: every part is up; degraded: some part is down; stopped: nothing runs. */
  state: 'running' | 'degraded' | 'stopped';
  server?: string;
  kubeconfigPath?: string;
  components: ComponentStatus[];
  nodes?: { name: string; ready: boolean }[];
}

export interface ClusterProvider {
  readonly name: ProviderName;
  up(options: UpOptions): Promise<ClusterInfo>;
  down(name: string, options?: { purge?: boolean; onProgress?: ProgressListener }): Promise<void>;
  status(name: string): Promise<ClusterStatus>;
  list(): Promise<ClusterStatus[]>;
  /** Path of a kubeconfig file that reaches the cluster. */
  kubeconfig(name: string): Promise<string>;
  logs(name: string, options?: { component?: string; tail?: number }): Promise<string>;
}

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Cluster names become directory names, process arguments and kubeconfig context names. */
export function assertClusterName(name: string): void {
  if (!CLUSTER_NAME.test(name)) {
    throw new KccError(`invalid cluster name "${name}"`, {
      hint: 'use 1-63 lowercase letters, digits and "-", starting and ending with a letter or digit (for example "dev" or "team-a")',
    });
  }
}
