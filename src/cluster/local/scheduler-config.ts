import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parse, stringify } from 'yaml';
import { KccError } from '../../core/errors.js';

const API_VERSION = 'kubescheduler.config.k8s.io/v1';

interface SchedulerConfiguration {
  apiVersion: string;
  kind: string;
  clientConnection?: { kubeconfig?: string; qps?: number; burst?: number };
  leaderElection?: { leaderElect?: boolean };
  profiles?: { schedulerName?: string }[];
  [field: string]: unknown;
}

/**
 * Installs a user's KubeSchedulerConfiguration (profiles with their own schedulerName, plugin
 * settings) for the bundled scheduler. With --config the scheduler ignores its connection flags,
 * so kcc fills in the parts that tie it to this cluster: the kubeconfig and no leader election.
 */
export async function installSchedulerConfig(source: string, target: string, kubeconfig: string): Promise<string[]> {
  if (!existsSync(source)) throw new KccError(`scheduler configuration ${source} does not exist`, { hint: 'pass the path of a KubeSchedulerConfiguration YAML file' });
  let config: SchedulerConfiguration;
  try {
    config = parse(readFileSync(source, 'utf8')) as SchedulerConfiguration;
  } catch (error) {
    throw new KccError(`scheduler configuration is not valid YAML: ${(error as Error).message.split('\n')[0]}`, { location: { kind: 'yaml', file: source } });
  }
  if (config?.kind !== 'KubeSchedulerConfiguration' || config.apiVersion !== API_VERSION) {
    throw new KccError(`expected kind KubeSchedulerConfiguration with apiVersion ${API_VERSION}, found ${config?.kind ?? 'nothing'} ${config?.apiVersion ?? ''}`.trim(), {
      location: { kind: 'yaml', file: source, line: 1 },
      hint: `start the file with "apiVersion: ${API_VERSION}" and "kind: KubeSchedulerConfiguration"`,
    });
  }
  const installed: SchedulerConfiguration = {
    ...config,
    clientConnection: { qps: 200, burst: 400, ...config.clientConnection, kubeconfig },
    leaderElection: { ...config.leaderElection, leaderElect: false },
  };
  await writeFile(target, stringify(installed));
  return (config.profiles ?? []).map((profile) => profile.schedulerName ?? 'default-scheduler');
}
