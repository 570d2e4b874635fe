import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderChart, runHelmTemplate } from '../../src/chart/index.js';
import type { KubeObject } from '../../src/core/kube-object.js';
import { toYamlStream } from '../../src/core/serialize.js';
import { kubectl } from './shared-cluster.js';
import { helmBinary } from '../helpers/helm-binary.js';

const root = resolve(import.meta.dirname, '../..');

/** Server-side dry run: the API server validates and defaults every object, nothing is stored. */
async function applyDryRun(yaml: string): Promise<string> {
  return kubectl(['apply', '--dry-run=server', '--namespace', 'default', '-f', '-'], { input: yaml });
}

const SHIPPED = [
  { chart: 'charts/webapp', set: ['ingress.enabled=true,ingress.tls.enabled=true,ingress.className=nginx,autoscaling.enabled=true,env.MODE=prod'], kinds: ['ConfigMap', 'Service', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress'] },
  { chart: 'charts/webapp', set: [], kinds: ['ConfigMap', 'Service', 'Deployment'] },
  { chart: 'charts/redis', set: ['auth.password=integration-secret', 'extraArgs={--maxmemory,64mb}'], kinds: ['Secret', 'Service', 'Service', 'StatefulSet'] },
];

describe('shipped charts', () => {
  it.each(SHIPPED)('$chart ($set) renders, validates and is accepted by the API server', async ({ chart, set, kinds }) => {
    const result = await renderChart(join(root, chart), { releaseName: 'it', namespace: 'default', set });
    expect(result.objects.map((o) => o.object.kind)).toEqual(kinds);
    expect(result.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    const output = await applyDryRun(toYamlStream(result.objects.map((o) => o.object)));
    for (const tracked of result.objects) expect(output).toContain(`${tracked.object.kind.toLowerCase()}`);
    expect(output).toMatch(/server dry run/);
  });

  it('kcc template output (the CLI) applies as printed', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin/kcc.js'), 'template', join(root, 'charts/redis'), '--name', 'cli', '--set', 'auth.password=x'], { maxBuffer: 16 << 20 });
    expect(await applyDryRun(stdout)).toMatch(/statefulset.apps\/cli-redis created \(server dry run\)/);
  });
});

describe('Handlebars chart and Go-template chart agree', () => {
  it('bench/chart: kcc-apps renders the same objects as helm renders helm-apps', async () => {
    const values = { apps: [{ name: 'alpha', image: 'nginx:1.27', replicas: 2, port: 8080 }, { name: 'beta', image: 'redis:7', port: 6379 }] };
    const ours = await renderChart(join(root, 'bench/chart/charts/kcc-apps'), { releaseName: 'same', values });
    const theirs = await runHelmTemplate({ chart: join(root, 'bench/chart/charts/helm-apps'), releaseName: 'same', values, helmBinary: helmBinary() });
    // Release.Service is "Helm" under helm and "kcc" under kcc, by design.
    const normalize = (objects: KubeObject[]): string =>
      toYamlStream(objects).replace(/app.kubernetes.io\/managed-by: \S+/g, 'managed-by');
    const byKey = (objects: KubeObject[]): KubeObject[] => [...objects].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
    expect(normalize(byKey(ours.objects.map((o) => o.object)))).toBe(normalize(byKey(theirs.map((o) => o.object))));
    expect(await applyDryRun(toYamlStream(ours.objects.map((o) => o.object)))).toMatch(/deployment.apps\/alpha created/);
  });
});
