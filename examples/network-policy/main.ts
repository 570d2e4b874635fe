// NetworkPolicies: default deny, and an allow-list mixing pod, namespace and IP-block peers.
import { App, Chart } from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'network-policy');

new k8s.NetworkPolicy(chart, 'default-deny', {
  metadata: { name: 'default-deny-ingress' },
  spec: { podSelector: {}, policyTypes: ['Ingress'] },
});

new k8s.NetworkPolicy(chart, 'db', {
  metadata: { name: 'test-network-policy' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        // Separate peers are OR-ed: any of these may connect.
        from: [
          { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
          { namespaceSelector: { matchLabels: { project: 'myproject' } } },
          { podSelector: { matchLabels: { role: 'frontend' } } },
        ],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
      {
        // One peer with both selectors is AND-ed: frontend pods in namespaces labelled team=web.
        from: [{ namespaceSelector: { matchLabels: { team: 'web' } }, podSelector: { matchLabels: { role: 'frontend' } } }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
});
