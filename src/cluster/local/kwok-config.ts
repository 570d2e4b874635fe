import { stringify } from 'yaml';

/**
 * How the simulated nodes behave (KWOK stages). Pods on kcc's nodes become Running and Ready once
 * scheduled, pods owned by a Job then complete, deleted pods go away at once.
 *
 * Simulating failure: a pod labelled `kcc.dev/simulate: crash` (put it on a Deployment's pod
 * template) is started, then stays Running with its containers waiting in CrashLoopBackOff and
 * never Ready, so its rollout fails the way a crashing image would. `kcc.dev/simulate: fail` makes
 * the pod's phase Failed (exit code 1), as a Job whose command fails.
 */
export const SIMULATE_LABEL = 'kcc.dev/simulate';
export const NODE_ANNOTATION = 'kwok.x-k8s.io/node';

const podIsLive = [
  { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' },
  { key: '.spec.nodeName', operator: 'Exists' },
];

const notSimulated = { key: `.metadata.labels["${SIMULATE_LABEL}"]`, operator: 'DoesNotExist' };
const simulated = (value: string) => ({ key: `.metadata.labels["${SIMULATE_LABEL}"]`, operator: 'In', values: [value] });

const podAddresses = `
{{ with NodeIPWith .spec.nodeName }}
hostIP: {{ . | Quote }}
hostIPs:
- ip: {{ . | Quote }}
{{ end }}
{{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
podIP: {{ . | Quote }}
podIPs:
- ip: {{ . | Quote }}
{{ end }}`;

function conditions(ready: boolean): string {
  const status = ready ? '"True"' : '"False"';
  return ['PodScheduled', 'Initialized', 'Ready', 'ContainersReady']
    .map((type) => `- type: ${type}\n  status: ${type === 'PodScheduled' || type === 'Initialized' ? '"True"' : status}\n  lastTransitionTime: {{ $now | Quote }}`)
    .join('\n');
}

const initContainersDone = `
initContainerStatuses:
{{ range .spec.initContainers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  ready: true
  restartCount: 0
  state:
    terminated:
      exitCode: 0
      reason: Completed
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
{{ end }}`;

function containerStatuses(state: 'running' | 'crash' | 'failed' | 'completed'): string {
  const body = {
    running: `  ready: true\n  restartCount: 0\n  started: true\n  state:\n    running:\n      startedAt: {{ $now | Quote }}`,
    crash: `  ready: false\n  restartCount: 5\n  started: false\n  lastState:\n    terminated:\n      exitCode: 1\n      reason: Error\n      startedAt: {{ $now | Quote }}\n      finishedAt: {{ $now | Quote }}\n  state:\n    waiting:\n      reason: CrashLoopBackOff\n      message: "back-off restarting failed container (simulated by ${SIMULATE_LABEL}=crash)"`,
    failed: `  ready: false\n  restartCount: 0\n  started: false\n  state:\n    terminated:\n      exitCode: 1\n      reason: Error\n      message: "simulated failure (${SIMULATE_LABEL}=fail)"\n      startedAt: {{ $now | Quote }}\n      finishedAt: {{ $now | Quote }}`,
    completed: `  ready: false\n  restartCount: 0\n  started: false\n  state:\n    terminated:\n      exitCode: 0\n      reason: Completed\n      startedAt: {{ $now | Quote }}\n      finishedAt: {{ $now | Quote }}`,
  }[state];
  return `containerStatuses:\n{{ range .spec.containers }}\n- name: {{ .name | Quote }}\n  image: {{ .image | Quote }}\n${body}\n{{ end }}`;
}

interface StageSpec {
  name: string;
  kind: 'Pod' | 'Node';
  match: object[];
  status?: string;
  delete?: boolean;
  delayMs?: number;
  weight?: number;
}

const STAGES: StageSpec[] = [
  {
    name: 'node-ready',
    kind: 'Node',
    match: [{ key: '.status.conditions.[] | select( .type == "Ready" ) | .status', operator: 'NotIn', values: ['True'] }],
    status: `{{ $now := Now }}
conditions:
{{ range NodeConditions }}
- type: {{ .type | Quote }}
  status: {{ .status | Quote }}
  reason: {{ .reason | Quote }}
  message: {{ .message | Quote }}
  lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
{{ end }}
addresses:
- type: InternalIP
  address: {{ NodeIP | Quote }}
- type: Hostname
  address: {{ NodeName | Quote }}
allocatable: {cpu: "32", memory: 256Gi, pods: "5000", ephemeral-storage: 1Ti}
capacity: {cpu: "32", memory: 256Gi, pods: "5000", ephemeral-storage: 1Ti}
nodeInfo:
  architecture: amd64
  operatingSystem: linux
  kubeletVersion: {{ printf "kwok-%s" Version | Quote }}
  kubeProxyVersion: {{ printf "kwok-%s" Version | Quote }}
  containerRuntimeVersion: kwok
phase: Running`,
  },
  { name: 'pod-crash-loop', kind: 'Pod', match: [...podIsLive, simulated('crash'), { key: '.status.phase', operator: 'In', values: ['Pending'] }], weight: 10, status: `{{ $now := Now }}\nphase: Running\nstartTime: {{ $now | Quote }}\nconditions:\n${conditions(false)}\n${initContainersDone}\n${containerStatuses('crash')}\n${podAddresses}` },
  { name: 'pod-fail', kind: 'Pod', match: [...podIsLive, simulated('fail'), { key: '.status.phase', operator: 'In', values: ['Pending'] }], weight: 10, status: `{{ $now := Now }}\nphase: Failed\nstartTime: {{ $now | Quote }}\nconditions:\n${conditions(false)}\n${containerStatuses('failed')}\n${podAddresses}` },
  { name: 'pod-ready', kind: 'Pod', match: [...podIsLive, notSimulated, { key: '.status.phase', operator: 'In', values: ['Pending'] }], status: `{{ $now := Now }}\nphase: Running\nstartTime: {{ $now | Quote }}\nconditions:\n${conditions(true)}\n${initContainersDone}\n${containerStatuses('running')}\n${podAddresses}` },
  {
    name: 'pod-complete',
    kind: 'Pod',
    delayMs: 500,
    match: [...podIsLive, notSimulated, { key: '.status.phase', operator: 'In', values: ['Running'] }, { key: '.metadata.ownerReferences.[].kind', operator: 'In', values: ['Job'] }],
    status: `{{ $now := Now }}\nphase: Succeeded\nconditions:\n${conditions(false)}\n${containerStatuses('completed')}`,
  },
  { name: 'pod-delete', kind: 'Pod', match: [{ key: '.metadata.deletionTimestamp', operator: 'Exists' }], delete: true },
];

function stageDocument(stage: StageSpec): object {
  return {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: `kcc-${stage.name}` },
    spec: {
      resourceRef: { apiGroup: 'v1', kind: stage.kind },
      selector: { matchExpressions: stage.match },
      ...(stage.weight ? { weight: stage.weight } : {}),
      ...(stage.delayMs ? { delay: { durationMilliseconds: stage.delayMs } } : {}),
      next: stage.delete ? { delete: true } : { statusTemplate: stage.status },
    },
  };
}

/** The kwok configuration file: options (which nodes to manage, node leases) and the stages. */
export function kwokConfigYaml(): string {
  const configuration = {
    apiVersion: 'config.kwok.x-k8s.io/v1alpha1',
    kind: 'KwokConfiguration',
    options: {
      manageNodesWithAnnotationSelector: `${NODE_ANNOTATION}=fake`,
      // Leases are the kubelet's heartbeat; without them the node controller marks nodes NotReady after 40 s.
      nodeLeaseDurationSeconds: 40,
      // Our file replaces kwok's defaults wholesale, so the worker counts must be given too.
      nodeLeaseParallelism: 4,
      nodePlayStageParallelism: 4,
      podPlayStageParallelism: 16,
      podsOnNodeSyncParallelism: 4,
      cidr: '10.244.0.0/16',
      nodeIP: '10.0.0.2',
    },
  };
  return [configuration, ...STAGES.map(stageDocument)].map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
}

/** A simulated node: the annotation hands it to kwok; labels are what a kubelet would set. */
export function simulatedNode(name: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [NODE_ANNOTATION]: 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'type': 'kwok', 'kcc.dev/simulated': 'true' },
    },
    spec: {},
  };
}
