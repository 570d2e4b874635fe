import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { checkSemantics } from '../../../src/schema/semantic-rules.js';

const object = (fields: Record<string, unknown>): KubeObject => fields as KubeObject;

describe('checkSemantics', () => {
  it('applies each kind its own name format', () => {
    expect(checkSemantics(object({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app.config-1' } }))).toEqual([]);
    expect(checkSemantics(object({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } }))[0]?.message).toContain('DNS label');
    expect(checkSemantics(object({ apiVersion: 'v1', kind: 'Service', metadata: { name: '9lives' } }))[0]?.message).toContain('DNS-1035');
    expect(checkSemantics(object({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:node-reader' } }))).toEqual([]);
    expect(checkSemantics(object({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a/b' } }))).toHaveLength(1);
  });

  it('accepts prefixed label keys and empty values, rejects long or spaced ones', () => {
    const labels = { 'app.kubernetes.io/name': 'web', empty: '', 'bad key': 'x', long: 'x'.repeat(64) };
    const findings = checkSemantics(object({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels } }));
    expect(findings.map((f) => [f.path.join('.'), f.key])).toEqual([
      ['metadata.labels', 'bad key'],
      ['metadata.labels.long', undefined],
    ]);
  });

  it('evaluates matchLabels and matchExpressions against the pod template', () => {
    const deployment = (labels: Record<string, string>) =>
      object({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }, { key: 'canary', operator: 'DoesNotExist' }] }, template: { metadata: { labels } } },
      });
    expect(checkSemantics(deployment({ app: 'web', tier: 'edge' }))).toEqual([]);
    const [finding] = checkSemantics(deployment({ app: 'web', tier: 'back', canary: 'yes' }));
    expect(finding?.message).toContain('tier In (front, edge); canary DoesNotExist');
  });

  it('checks a ReplicationController selector (a plain map)', () => {
    const rc = object({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: { selector: { app: 'kubia' }, template: { metadata: { labels: { app: 'kubia' } } } } });
    expect(checkSemantics(rc)).toEqual([]);
  });

  it('reads nodePort 0 as unset (as the API server does), and rejects a real nodePort on a ClusterIP Service', () => {
    const service = (nodePort: number) => object({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, nodePort }] } });
    expect(checkSemantics(service(0))).toEqual([]);
    expect(checkSemantics(service(30080)).map((f) => f.message)).toEqual(['nodePort may not be set when type is ClusterIP']);
  });

  it("refuses rollingUpdate parameters on a Deployment with the Recreate strategy", () => {
    const deployment = (strategy: Record<string, unknown>) => object({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy } });
    expect(checkSemantics(deployment({ type: 'Recreate' }))).toEqual([]);
    expect(checkSemantics(deployment({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }))).toEqual([]);
    expect(checkSemantics(deployment({ type: 'Recreate', rollingUpdate: { maxSurge: 1 } })).map((f) => f.message)).toEqual(["rollingUpdate may not be set when the strategy type is 'Recreate'"]);
  });
});
