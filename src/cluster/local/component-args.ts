import { join } from 'node:path';
import type { PkiPaths } from './pki-paths.js';
import type { Component } from './controlplane-binaries.js';

export interface ClusterPorts {
  apiserver: number;
  etcdClient: number;
  etcdPeer: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
}

export const SERVICE_CLUSTER_IP_RANGE = '10.96.0.0/16';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

export interface StateLayout {
  dir: string;
  stateFile: string;
  adminKubeconfig: string;
  controllerManagerKubeconfig: string;
  schedulerKubeconfig: string;
  kwokConfig: string;
  schedulerConfig: string;
  etcdData: string;
  logsDir: string;
  pidsDir: string;
  certsDir: string;
  lockFile: string;
}

export function stateLayout(dir: string): StateLayout {
  return {
    dir,
    stateFile: join(dir, 'state.json'),
    adminKubeconfig: join(dir, 'kubeconfig'),
    controllerManagerKubeconfig: join(dir, 'controller-manager.kubeconfig'),
    schedulerKubeconfig: join(dir, 'scheduler.kubeconfig'),
    kwokConfig: join(dir, 'kwok.yaml'),
    schedulerConfig: join(dir, 'scheduler-config.yaml'),
    etcdData: join(dir, 'etcd'),
    logsDir: join(dir, 'logs'),
    pidsDir: join(dir, 'pids'),
    certsDir: join(dir, 'certs'),
    lockFile: join(dir, '.lock'),
  };
}

/** Health endpoint of each component, polled while starting and by `status`. */
export function healthUrl(component: Component, ports: ClusterPorts): string {
  switch (component) {
    case 'etcd':
      return `http://127.0.0.1:${ports.etcdClient}/health`;
    case 'kube-apiserver':
      return `https://127.0.0.1:${ports.apiserver}/readyz`;
    case 'kube-controller-manager':
      return `https://127.0.0.1:${ports.controllerManager}/healthz`;
    case 'kube-scheduler':
      return `https://127.0.0.1:${ports.scheduler}/healthz`;
    case 'kwok':
      return `http://127.0.0.1:${ports.kwok}/healthz`;
  }
}

/**
 * The flags of every component. A development cluster favours start-up time and low memory:
 * no fsync in etcd, no leader election, no profiling, API priority-and-fairness off, and faster
 * client rates in the controller manager so large applies roll out without client throttling.
 */
export function componentArgs(component: Component, layout: StateLayout, pki: PkiPaths, ports: ClusterPorts, options: { schedulerConfig?: boolean } = {}): string[] {
  const serving = (name: string, port: number) => ['--bind-address=127.0.0.1', `--secure-port=${port}`, `--cert-dir=${join(layout.certsDir, name)}`];
  switch (component) {
    case 'etcd':
      return [
        '--name=kcc',
        `--data-dir=${layout.etcdData}`,
        `--listen-client-urls=http://127.0.0.1:${ports.etcdClient}`,
        `--advertise-client-urls=http://127.0.0.1:${ports.etcdClient}`,
        `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
        `--initial-cluster=kcc=http://127.0.0.1:${ports.etcdPeer}`,
        '--unsafe-no-fsync=true',
        '--quota-backend-bytes=4294967296',
        '--log-level=warn',
      ];
    case 'kube-apiserver':
      return [
        `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${ports.apiserver}`,
        `--cert-dir=${join(layout.certsDir, 'apiserver')}`,
        `--tls-cert-file=${pki.apiserverCert}`,
        `--tls-private-key-file=${pki.apiserverKey}`,
        `--client-ca-file=${pki.caCert}`,
        `--service-account-key-file=${pki.serviceAccountPub}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-cluster-ip-range=${SERVICE_CLUSTER_IP_RANGE}`,
        '--authorization-mode=Node,RBAC',
        '--allow-privileged=true',
        // A loopback advertise address is not a valid Endpoints IP; nothing in-cluster dials it anyway.
        '--endpoint-reconciler-type=none',
        '--enable-priority-and-fairness=false',
        '--max-requests-inflight=1000',
        '--max-mutating-requests-inflight=500',
        '--profiling=false',
      ];
    case 'kube-controller-manager':
      return [
        `--kubeconfig=${layout.controllerManagerKubeconfig}`,
        `--authentication-kubeconfig=${layout.controllerManagerKubeconfig}`,
        `--authorization-kubeconfig=${layout.controllerManagerKubeconfig}`,
        ...serving('controller-manager', ports.controllerManager),
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        `--root-ca-file=${pki.caCert}`,
        `--cluster-signing-cert-file=${pki.caCert}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        '--use-service-account-credentials=true',
        '--leader-elect=false',
        '--kube-api-qps=200',
        '--kube-api-burst=400',
        '--concurrent-deployment-syncs=20',
        '--concurrent-replicaset-syncs=20',
        '--profiling=false',
      ];
    case 'kube-scheduler':
      return [
        `--kubeconfig=${layout.schedulerKubeconfig}`,
        `--authentication-kubeconfig=${layout.schedulerKubeconfig}`,
        `--authorization-kubeconfig=${layout.schedulerKubeconfig}`,
        ...serving('scheduler', ports.scheduler),
        // A configuration file carries its own connection and leader-election settings.
        ...(options.schedulerConfig ? [`--config=${layout.schedulerConfig}`] : ['--leader-elect=false', '--kube-api-qps=200', '--kube-api-burst=400']),
        '--profiling=false',
      ];
    case 'kwok':
      return [`--kubeconfig=${layout.adminKubeconfig}`, `--config=${layout.kwokConfig}`, `--server-address=127.0.0.1:${ports.kwok}`];
  }
}
