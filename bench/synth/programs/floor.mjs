// The floor: the same objects built as plain data and serialised by the `yaml` library alone.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

const n = Number(process.env.BENCH_N ?? 1000);
const out = process.argv[2] ?? 'floor.k8s.yaml';
const docs = [];
for (let i = 0; i < n; i++) {
  const labels = { app: `app-${i}` };
  docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-config-${i}` }, data: { APP_INDEX: String(i), LOG_LEVEL: 'info', FEATURE_X: 'on' } });
  docs.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `bench-deployment-${i}` },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: `registry.example.com/app-${i}:1.0.${i}`,
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'APP_INDEX', value: String(i) }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            },
          ],
        },
      },
    },
  });
  docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `bench-service-${i}` }, spec: { selector: labels, ports: [{ port: 80, targetPort: 8080 }] } });
}
writeFileSync(out, docs.map((d) => stringify(d)).join('---\n'));
