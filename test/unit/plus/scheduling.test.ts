import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import { Binding, Deployment, LabelExpression, Namespaces, Pod, PriorityClass, Topology, Toleration, Pods } from '../../../src/plus/index.js';
import { only, synthValid } from './synth.js';

describe('kcc-plus scheduling', () => {
  it('node affinity: expressions of one requireNodes() are ANDed, separate calls ORed; preferences weighted', async () => {
    const objects = await synthValid((chart) => {
      const web = new Deployment(chart, 'web', { metadata: { name: 'web' }, containers: [{ image: 'nginx' }] });
      web.scheduling
        .requireNodes(
          LabelExpression.in('topology.kubernetes.io/zone', ['antarctica-east1', 'antarctica-west1']),
          LabelExpression.doesNotExist('node-role.kubernetes.io/control-plane'),
        )
        .requireNodes(LabelExpression.exists('dedicated'))
        .preferNodes(10, LabelExpression.notIn('size', ['small']))
        .preferNodes(1, LabelExpression.gt('cores', 4));
    });
    const affinity = only(objects, 'Deployment').spec.template.spec.affinity;
    expect(affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      {
        matchExpressions: [
          { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['antarctica-east1', 'antarctica-west1'] },
          { key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' },
        ],
      },
      { matchExpressions: [{ key: 'dedicated', operator: 'Exists' }] },
    ]);
    expect(affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 10, preference: { matchExpressions: [{ key: 'size', operator: 'NotIn', values: ['small'] }] } },
      { weight: 1, preference: { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['4'] }] } },
    ]);
  });

  it('pod affinity and anti-affinity, tolerations, nodeSelector, nodeName, schedulerName, PriorityClass', async () => {
    const objects = await synthValid((chart) => {
      const high = new PriorityClass(chart, 'high', { metadata: { name: 'high-priority' }, value: 1000000, description: 'for the shop' });
      const cache = new Deployment(chart, 'cache', { metadata: { name: 'cache' }, replicas: 3, containers: [{ image: 'redis' }] });
      cache.scheduling.separate(cache.pods, { topology: Topology.HOSTNAME });
      const web = new Deployment(chart, 'web', {
        metadata: { name: 'web' },
        containers: [{ image: 'nginx' }],
        nodeSelector: { disktype: 'ssd' },
        priorityClass: high,
        schedulerName: 'my-scheduler',
        tolerations: [Toleration.equal('key1', 'value1', 'NoSchedule'), Toleration.exists('node.kubernetes.io/unreachable', 'NoExecute', 6000)],
      });
      web.scheduling
        .colocate(cache.pods, { topology: Topology.ZONE, weight: 50 })
        .separate(Pods.labeled({ app: 'batch' }), { namespaces: Namespaces.named('jobs') });
      new Pod(chart, 'manual', { metadata: { name: 'nginx-on-node01' }, nodeName: 'node01', containers: [{ image: 'nginx' }] });
    });
    // A declared dependency: the PriorityClass is installed before the workload that names it.
    expect(objects.map((o) => o.kind).indexOf('PriorityClass')).toBeLessThan(objects.findIndex((o) => o.metadata.name === 'web'));
    expect(only(objects, 'PriorityClass')).toMatchObject({ value: 1000000, description: 'for the shop' });
    const [cache, web] = objects.filter((o) => o.kind === 'Deployment').map((d) => d.spec.template.spec);
    expect(cache.affinity).toEqual({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }],
      },
    });
    expect(web.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'topology.kubernetes.io/zone' } },
    ]);
    expect(web.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'jobs' },
    });
    expect(web).toMatchObject({ nodeSelector: { disktype: 'ssd' }, priorityClassName: 'high-priority', schedulerName: 'my-scheduler' });
    expect(web.tolerations).toEqual([
      { key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 6000 },
    ]);
    expect(only(objects, 'Pod').spec.nodeName).toBe('node01');
  });

  it('Binding targets a node under the pod name', async () => {
    const objects = await synthValid((chart) => {
      const pod = new Pod(chart, 'nginx', { metadata: { name: 'nginx' }, containers: [{ image: 'nginx' }] });
      new Binding(chart, 'bind', { pod, node: 'node02' });
    });
    expect(only(objects, 'Binding')).toMatchObject({ metadata: { name: 'nginx' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node02' } });
  });

  it('rejects out-of-range weights, empty terms, Gt in a pod selector, a too-high priority', () => {
    const chart = new Chart(new App(), 'c');
    const web = new Deployment(chart, 'web', { containers: [{ image: 'x' }] });
    expect(() => web.scheduling.preferNodes(0, LabelExpression.exists('a'))).toThrow(/weight 0 is not an integer from 1 to 100/);
    expect(() => web.scheduling.requireNodes()).toThrow(/at least one expression/);
    expect(() => web.scheduling.colocate(Pods.matching(LabelExpression.lt('n', 3)))).toThrow(/only valid for node labels/);
    expect(() => LabelExpression.in('k', [])).toThrow(/needs at least one value/);
    expect(() => new PriorityClass(chart, 'p', { value: 2_000_000_000 })).toThrow(/at most 1000000000/);
  });
});
