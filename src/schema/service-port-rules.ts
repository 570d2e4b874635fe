import type { KubeObject } from '../core/kube-object.js';
import { portNameProblem } from './pod-spec-rules.js';
import type { SemanticFinding } from './semantic-finding.js';

/**
 * The API server's checks of a Service's ports (validateServicePort and ValidateService of the
 * pinned release), after its defaulting: protocol TCP, targetPort = port when 0 or "", and
 * nodePort 0 read as unset.
 */

const NONE: SemanticFinding[] = [];
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NO_NODE_PORT_TYPES = ['ClusterIP', 'ExternalName'];

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

function checkNodePort(nodePort: unknown, type: string, path: (string | number)[]): SemanticFinding | undefined {
  if (typeof nodePort !== 'number' || nodePort === 0) return undefined;
  if (NO_NODE_PORT_TYPES.includes(type))
    return { path, message: `nodePort may not be set when type is ${type}`, hint: 'set spec.type: NodePort (or LoadBalancer), or remove nodePort' };
  if (nodePort < 30000 || nodePort > 32767)
    return {
      path,
      message: `nodePort ${nodePort} is outside the node port range 30000-32767`,
      hint: 'pick a port from 30000 to 32767, or leave nodePort out and let Kubernetes choose',
    };
  return undefined;
}

/** targetPort is a port number or the name of a container port (an IANA service name). */
function checkTargetPort(targetPort: unknown, path: (string | number)[]): SemanticFinding | undefined {
  if (typeof targetPort === 'number') {
    return targetPort === 0 || isPortNumber(targetPort) ? undefined : { path, message: `targetPort ${targetPort} must be between 1 and 65535` };
  }
  if (typeof targetPort !== 'string' || targetPort === '') return undefined;
  const problem = portNameProblem(targetPort);
  if (!problem) return undefined;
  const hint = /^\d+$/.test(targetPort)
    ? `write the number unquoted (targetPort: ${targetPort}): quoted, it is the name of a container port`
    : 'a named targetPort is the name of a container port, like "http"';
  return { path, message: `targetPort "${targetPort}" is not a valid port name: it ${problem}`, hint };
}

export function checkServicePorts(object: KubeObject): SemanticFinding[] {
  const spec = record(object.spec);
  const ports = Array.isArray(spec?.ports) ? (spec.ports as unknown[]) : NONE;
  const type = typeof spec?.type === 'string' ? spec.type : 'ClusterIP';
  const names = new Set<string>();
  const portProtocols = new Set<string>();
  let findings: SemanticFinding[] | undefined;
  const add = (finding: SemanticFinding | undefined): void => {
    if (finding) (findings ??= []).push(finding);
  };
  for (let i = 0; i < ports.length; i++) {
    const port = record(ports[i]);
    if (!port) continue;
    const at = ['spec', 'ports', i];
    const name = typeof port.name === 'string' ? port.name : '';
    if (name === '' && ports.length > 1)
      add({ path: at, message: 'a Service with more than one port must name each port', hint: 'add name: (for example "http", "metrics") to every port' });
    else if (name !== '' && (!DNS1123_LABEL.test(name) || name.length > 63))
      add({
        path: [...at, 'name'],
        message: `port name "${name}" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
      });
    else if (name !== '' && names.has(name))
      add({ path: [...at, 'name'], message: `port name "${name}" is used twice`, hint: 'Service port names must be unique' });
    if (name !== '') names.add(name);
    if (typeof port.port === 'number') {
      if (!isPortNumber(port.port)) add({ path: [...at, 'port'], message: `port ${port.port} must be between 1 and 65535` });
      const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
      const key = `${port.port}/${protocol}`;
      if (portProtocols.has(key))
        add({
          path: at,
          message: `port ${port.port}/${protocol} is listed twice`,
          hint: 'each port and protocol pair may appear once: remove the duplicate or change its port',
        });
      portProtocols.add(key);
    }
    add(checkNodePort(port.nodePort, type, [...at, 'nodePort']));
    add(checkTargetPort(port.targetPort, [...at, 'targetPort']));
  }
  return findings ?? NONE;
}
