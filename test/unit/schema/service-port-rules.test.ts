import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { checkServicePorts } from '../../../src/schema/service-port-rules.js';

const service = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec }) as KubeObject;
const found = (spec: Record<string, unknown>): string[] => checkServicePorts(service(spec)).map((f) => `${f.path.join('.')}: ${f.message}`);

describe('checkServicePorts', () => {
  it('accepts one unnamed port, a named targetPort, and 0 or "" as unset targetPort and nodePort', () => {
    expect(found({ ports: [{ port: 80, targetPort: 'http', nodePort: 0 }] })).toEqual([]);
    expect(
      found({
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80, targetPort: 0 },
          { name: 'b', port: 81, targetPort: '' },
        ],
      }),
    ).toEqual([]);
  });

  it('requires names when there are several ports, unique DNS labels', () => {
    expect(found({ ports: [{ name: 'web', port: 80 }, { port: 81 }, { name: 'web', port: 82 }, { name: 'Web_1', port: 83 }] })).toEqual([
      'spec.ports.1: a Service with more than one port must name each port',
      'spec.ports.2.name: port name "web" is used twice',
      'spec.ports.3.name: port name "Web_1" must be a DNS label: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit',
    ]);
  });

  it('rejects a port listed twice with the same protocol (TCP by default), not with another protocol', () => {
    expect(
      found({
        ports: [
          { name: 'a', port: 53 },
          { name: 'b', port: 53, protocol: 'UDP' },
        ],
      }),
    ).toEqual([]);
    expect(
      found({
        ports: [
          { name: 'a', port: 53 },
          { name: 'b', port: 53, protocol: 'TCP' },
        ],
      }),
    ).toEqual(['spec.ports.1: port 53/TCP is listed twice']);
  });

  it('checks targetPort forms: a number in range, or a port name (a quoted number is a name)', () => {
    const findings = checkServicePorts(
      service({
        ports: [
          { name: 'a', port: 80, targetPort: 70000 },
          { name: 'b', port: 81, targetPort: '8080' },
        ],
      }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'targetPort 70000 must be between 1 and 65535',
      'targetPort "8080" is not a valid port name: it must contain at least one letter (a-z)',
    ]);
    expect(findings[1]!.hint).toContain('targetPort: 8080');
  });

  it('rejects nodePort on a ClusterIP Service and outside the range elsewhere', () => {
    expect(found({ ports: [{ port: 80, nodePort: 30080 }] })).toEqual(['spec.ports.0.nodePort: nodePort may not be set when type is ClusterIP']);
    expect(found({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] })).toEqual([
      'spec.ports.0.nodePort: nodePort 80 is outside the node port range 30000-32767',
    ]);
  });
});
