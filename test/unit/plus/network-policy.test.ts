import { describe, expect, it } from 'vitest';
import { App, Chart } from '../../../src/core/index.js';
import { Deployment, Namespaces, NetworkPolicy, NetworkPort, Peer, Pods } from '../../../src/plus/index.js';
import { only, synthValid } from './synth.js';

describe('kcc-plus NetworkPolicy', () => {
  it('one peer with podSelector and namespaceSelector is AND; two peers in one rule are OR', async () => {
    const objects = await synthValid((chart) => {
      const db = new Deployment(chart, 'db', { metadata: { name: 'db' }, containers: [{ image: 'postgres', port: 5432 }] });
      const and = new NetworkPolicy(chart, 'and', { metadata: { name: 'db-and' }, selector: db });
      and.allowFrom(Peer.podsIn(Pods.labeled({ role: 'api' }), Namespaces.named('prod')), NetworkPort.tcp(5432));
      const or = new NetworkPolicy(chart, 'or', { metadata: { name: 'db-or' }, selector: db });
      or.allowFrom([Peer.pods(Pods.labeled({ role: 'api' })), Peer.namespaces(Namespaces.labeled({ team: 'data' }))], NetworkPort.tcp(5432));
    });
    const [and, or] = objects.filter((o) => o.kind === 'NetworkPolicy');
    expect(and.spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { role: 'api' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } }],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    });
    expect(or.spec.ingress[0].from).toEqual([
      { podSelector: { matchLabels: { role: 'api' } } },
      { namespaceSelector: { matchLabels: { team: 'data' } } },
    ]);
  });

  it('ipBlock with except, egress rules add the Egress type, port ranges and named ports', async () => {
    const objects = await synthValid((chart) => {
      const policy = new NetworkPolicy(chart, 'p', { metadata: { name: 'test-network-policy' }, selector: Pods.labeled({ role: 'db' }) });
      policy.allowFrom(
        [Peer.ipBlock('172.17.0.0/16', ['172.17.1.0/24']), Peer.namespaces(Namespaces.labeled({ project: 'myproject' }))],
        NetworkPort.tcp(6379),
      );
      policy.allowTo(Peer.ipBlock('10.0.0.0/24'), NetworkPort.tcpRange(32000, 32768), NetworkPort.named('metrics'));
    });
    const spec = only(objects, 'NetworkPolicy').spec;
    expect(spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(spec.ingress[0].from[0]).toEqual({ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } });
    expect(spec.egress[0]).toEqual({
      to: [{ ipBlock: { cidr: '10.0.0.0/24' } }],
      ports: [
        { protocol: 'TCP', port: 32000, endPort: 32768 },
        { protocol: 'TCP', port: 'metrics' },
      ],
    });
  });

  it('default-deny helpers, allow-all, and DNS egress after a deny', async () => {
    const objects = await synthValid((chart) => {
      NetworkPolicy.denyAllIngress(chart, 'deny-in', { metadata: { name: 'default-deny-ingress' } });
      NetworkPolicy.denyAll(chart, 'deny-all', { metadata: { name: 'default-deny-all' } });
      NetworkPolicy.allowAllIngress(chart, 'allow-in', { metadata: { name: 'allow-all-ingress' } });
      NetworkPolicy.denyAllEgress(chart, 'dns', { metadata: { name: 'egress-dns-only' } }).allowTo(
        Peer.namespaces(Namespaces.named('kube-system')),
        NetworkPort.udp(53),
        NetworkPort.tcp(53),
      );
    });
    const byName = Object.fromEntries(objects.map((o) => [o.metadata.name, o.spec]));
    expect(byName['default-deny-ingress']).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(byName['default-deny-all']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(byName['allow-all-ingress']).toEqual({ podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] });
    expect(byName['egress-dns-only'].policyTypes).toEqual(['Egress']);
    expect(byName['egress-dns-only'].egress[0].ports).toEqual([
      { protocol: 'UDP', port: 53 },
      { protocol: 'TCP', port: 53 },
    ]);
  });

  it('rejects a rule with no peers and a CIDR that is not one', () => {
    const policy = new NetworkPolicy(new Chart(new App(), 'c'), 'p');
    expect(() => policy.allowFrom([])).toThrow(/would allow everyone/);
    expect(() => Peer.ipBlock('10.0.0.1')).toThrow(/is not a CIDR/);
    expect(() => NetworkPort.tcpRange(10, 5)).toThrow(/ends before it starts/);
  });
});
