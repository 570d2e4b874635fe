import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { checkPodSpec } from '../../../src/schema/pod-spec-rules.js';

const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec }) as KubeObject;
const found = (object: KubeObject): string[] => checkPodSpec(object).map((f) => `${f.path.join('.')}${f.key ? `[${f.key}]` : ''}: ${f.message}`);

describe('checkPodSpec', () => {
  it('finds a volumeMount naming a volume the pod does not define, and a mountPath used twice', () => {
    const spec = {
      volumes: [{ name: 'config', configMap: { name: 'c' } }],
      containers: [
        {
          name: 'app',
          image: 'x',
          volumeMounts: [
            { name: 'config', mountPath: '/etc/app' },
            { name: 'data', mountPath: '/etc/app' },
          ],
        },
      ],
    };
    expect(found(pod(spec))).toEqual([
      'spec.containers.0.volumeMounts.1.name: volumeMount names volume "data", which the pod does not define',
      'spec.containers.0.volumeMounts.1.mountPath: mountPath "/etc/app" is mounted twice in this container',
    ]);
  });

  it("counts a StatefulSet's volumeClaimTemplates as volumes, and finds the pod spec of each workload kind", () => {
    const template = { spec: { containers: [{ name: 'db', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/var/lib' }] }] } };
    const statefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's' },
      spec: { template, volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
    } as KubeObject;
    expect(found(statefulSet)).toEqual([]);
    const jobTemplate = { spec: { template: { spec: { ...template.spec, restartPolicy: 'Never' } } } };
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate } } as KubeObject;
    expect(found(cronJob)).toEqual([
      'spec.jobTemplate.spec.template.spec.containers.0.volumeMounts.0.name: volumeMount names volume "data", which the pod does not define',
    ]);
  });

  it('requires container names unique across containers and initContainers, and volume names unique', () => {
    const spec = {
      initContainers: [{ name: 'setup', image: 'x' }],
      containers: [
        { name: 'setup', image: 'x' },
        { name: 'Web', image: 'x' },
      ],
      volumes: [
        { name: 'v', emptyDir: {} },
        { name: 'v', emptyDir: {} },
      ],
    };
    expect(found(pod(spec))).toEqual([
      'spec.volumes.1.name: volume "v" is defined twice',
      'spec.containers.0.name: container name "setup" is already used in initContainers',
      'spec.containers.1.name: container name "Web" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit',
    ]);
  });

  it('requires port names to be IANA service names, unique within a container only', () => {
    const spec = {
      containers: [
        {
          name: 'a',
          image: 'x',
          ports: [
            { name: 'http', containerPort: 80 },
            { name: 'http', containerPort: 81 },
            { name: '8080', containerPort: 8080 },
          ],
        },
        {
          name: 'b',
          image: 'x',
          ports: [
            { name: 'http', containerPort: 90 },
            { name: 'very-long-port-name', containerPort: 91 },
          ],
        },
      ],
    };
    expect(found(pod(spec))).toEqual([
      'spec.containers.0.ports.1.name: port name "http" is used twice in this container',
      'spec.containers.0.ports.2.name: port name "8080" must contain at least one letter (a-z)',
      'spec.containers.1.ports.1.name: port name "very-long-port-name" must be no more than 15 characters',
    ]);
  });

  it('accepts only cpu, memory and hugepages at pod level; standard or extended resources on containers', () => {
    const spec = {
      resources: { limits: { cpu: '1', pids: '100', 'hugepages-2Mi': '1Gi' } },
      containers: [{ name: 'a', image: 'x', resources: { limits: { 'nvidia.com/gpu': 1, 'ephemeral-storage': '1Gi', cpus: 1, 'kubernetes.io/thing': 1 } } }],
    };
    expect(found(pod(spec))).toEqual([
      'spec.resources.limits[pids]: "pids" is not a resource a pod may set in spec.resources (cpu, memory, hugepages-<size>)',
      'spec.containers.0.resources.limits[cpus]: "cpus" is not a resource a container may request',
      'spec.containers.0.resources.limits[kubernetes.io/thing]: "kubernetes.io/thing" is not a resource a container may request',
    ]);
  });

  it('accepts relaxed environment variable names (printable ASCII but "=") and rejects the rest', () => {
    const env = [{ name: 'MY.VAR-1' }, { name: '1 starts with a digit' }, { name: 'A=B' }, { name: '' }, { name: 'tab\there' }];
    expect(found(pod({ containers: [{ name: 'a', image: 'x', env }] }))).toEqual([
      'spec.containers.0.env.2.name: environment variable name "A=B" must consist only of printable ASCII characters other than "="',
      'spec.containers.0.env.3.name: environment variable name may not be empty',
      'spec.containers.0.env.4.name: environment variable name "tab\there" must consist only of printable ASCII characters other than "="',
    ]);
  });

  it('takes the restartPolicy each owner allows, a missing one being Always', () => {
    const containers = [{ name: 'a', image: 'x' }];
    const job = (spec: Record<string, unknown>) =>
      ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec } } }) as KubeObject;
    const deployment = (spec: Record<string, unknown>) =>
      ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec } } }) as KubeObject;
    expect(found(job({ containers, restartPolicy: 'Never' }))).toEqual([]);
    expect(found(job({ containers }))).toEqual(['spec.template.spec: restartPolicy is not set (so Always): use "OnFailure" or "Never"']);
    expect(found(deployment({ containers }))).toEqual([]);
    expect(found(deployment({ containers, restartPolicy: 'OnFailure' }))).toEqual([
      'spec.template.spec.restartPolicy: restartPolicy "OnFailure" is not supported here: use "Always"',
    ]);
    expect(found(pod({ containers, restartPolicy: 'Never' }))).toEqual([]);
  });

  it('needs exactly one handler per probe and lifecycle hook, and one source per valueFrom', () => {
    const container = {
      name: 'a',
      image: 'x',
      livenessProbe: { httpGet: { port: 80 }, tcpSocket: { port: 80 } },
      readinessProbe: { periodSeconds: 5 },
      startupProbe: { exec: { command: ['true'] } },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      env: [
        { name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } },
        { name: 'C', valueFrom: {} },
        { name: 'D', value: '', valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } },
      ],
    };
    expect(found(pod({ containers: [container] }))).toEqual([
      'spec.containers.0.env.0.valueFrom: valueFrom may not be set when value is not empty',
      'spec.containers.0.env.1.valueFrom: valueFrom may set only one of fieldRef, secretKeyRef',
      'spec.containers.0.env.2.valueFrom: valueFrom needs one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef, fileKeyRef',
      'spec.containers.0.livenessProbe: livenessProbe may set only one of httpGet, tcpSocket',
      'spec.containers.0.readinessProbe: readinessProbe needs one of exec, httpGet, tcpSocket, grpc',
    ]);
  });

  it('keeps requests within limits, and extended resources and huge pages at exactly their limit', () => {
    const container = (resources: Record<string, unknown>) => pod({ containers: [{ name: 'a', image: 'x', resources }] });
    expect(found(container({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: 0.5, memory: '1024Mi' } }))).toEqual([]);
    expect(found(container({ requests: { cpu: '250m' } }))).toEqual([]);
    expect(found(container({ requests: { cpu: '2', memory: '2Gi' }, limits: { cpu: '1500m', memory: '2G' } }))).toEqual([
      'spec.containers.0.resources.requests.cpu: the cpu request 2 is above its limit 1500m',
      'spec.containers.0.resources.requests.memory: the memory request 2Gi is above its limit 2G',
    ]);
    expect(found(container({ requests: { 'example.com/gpu': 1 } }))).toEqual([
      'spec.containers.0.resources: example.com/gpu needs a limit equal to its request (it cannot be overcommitted)',
    ]);
    expect(found(container({ requests: { 'hugepages-2Mi': '64Mi' }, limits: { 'hugepages-2Mi': '128Mi' } }))).toEqual([
      'spec.containers.0.resources.requests.hugepages-2Mi: the hugepages-2Mi request must equal its limit (128Mi)',
    ]);
  });
});
