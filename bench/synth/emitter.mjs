// Emitter candidates on the bench objects (N = 5,000: 15,000 objects): kcc's emitter vs the `yaml` library.
// Usage: node bench/synth/emitter.mjs (after npm run build)
import { toYamlStream } from '../../dist/core/serialize.js';
import { stringify } from 'yaml';
const docs = [];
for (let i = 0; i < 5000; i++) {
  const labels = { app: `app-${i}` };
  docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-config-${i}` }, data: { APP_INDEX: String(i), LOG_LEVEL: 'info', FEATURE_X: 'on' } });
  docs.push({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `bench-deployment-${i}` }, spec: { replicas: 2, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: `registry.example.com/app-${i}:1.0.${i}`, ports: [{ containerPort: 8080 }], env: [{ name: 'APP_INDEX', value: String(i) }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } } }] } } } });
  docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `bench-service-${i}` }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } });
}
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const a = toYamlStream(docs); const t1 = performance.now() - t;
  t = performance.now(); const b = docs.map((d) => stringify(d)).join('---\n'); const t2 = performance.now() - t;
  console.log(`kcc emitter ${t1.toFixed(0)} ms, yaml stringify ${t2.toFixed(0)} ms, ${(t2 / t1).toFixed(1)}x, bytes ${a.length} vs ${b.length}`);
}
