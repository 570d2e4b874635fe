import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureHelmEngine } from '../../../../src/chart/go-template/engine-build.js';
import { App } from '../../../../src/core/app.js';
import { Chart } from '../../../../src/core/chart.js';
import { HelmChart, TemplateChart } from '../../../../src/chart/index.js';

type Synthesized = { charts: { objects: { object: { kind: string; metadata: { name?: string; annotations?: Record<string, string> } }; source: { file: string } }[] }[] };

const BASIC = resolve('test/fixtures/helm-charts/basic');

describe('Helm charts in TypeScript apps', () => {
  // The engine is built once per machine (npm run build:helm-engine, as .ci/run does); a cold Go build takes minutes.
  beforeAll(() => ensureHelmEngine(), 1_800_000);

  it('HelmChart renders a local chart without any helm binary, CRDs first', async () => {
    const app = new App();
    const chart = new Chart(app, 'shop');
    const web = new HelmChart(chart, 'web', { chart: BASIC, namespace: 'shop', set: ['replicaCount=4'] });
    const result = (await app.synth()) as unknown as Synthesized;
    const objects = result.charts.flatMap((c) => c.objects);
    expect(objects.map((o) => o.object.kind)).toEqual(expect.arrayContaining(['CustomResourceDefinition', 'ConfigMap', 'Service', 'Deployment', 'Job']));
    expect(objects.find((o) => o.object.kind === 'Deployment')!.object).toMatchObject({ metadata: { name: 'web-basic' }, spec: { replicas: 4 } });
    expect(objects.find((o) => o.object.kind === 'Job')!.object.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(web.rendered?.chart).toMatchObject({ name: 'basic', version: '0.1.0' });
  });

  it('TemplateChart accepts a Helm chart as it accepts a kcc chart', async () => {
    const app = new App();
    const chart = new Chart(app, 'shop');
    const web = new TemplateChart(chart, 'api', { path: BASIC, values: { service: { port: 8443 } } });
    const result = (await app.synth()) as unknown as Synthesized;
    const service = result.charts.flatMap((c) => c.objects).find((o) => o.object.kind === 'Service')!;
    expect(service.object).toMatchObject({ metadata: { name: 'api-basic' }, spec: { ports: [{ port: 8443 }] } });
    expect(service.source.file).toBe(resolve(BASIC, 'templates/service.yaml'));
    expect(web.rendered?.language).toBe('go-template');
  });
});
