import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../../../src/core/app.js';
import { Chart } from '../../../src/core/chart.js';
import { KccError } from '../../../src/core/errors.js';
import { HelmChart, TemplateChart } from '../../../src/chart/index.js';
import { createChart, lintChart } from '../../../src/chart/index.js';

describe('TemplateChart construct', () => {
  it('renders on synth, not in the constructor, with values and template sources', async () => {
    const app = new App();
    const chart = new Chart(app, 'shop');
    const redis = new TemplateChart(chart, 'cache', { path: resolve('charts/redis'), values: { auth: { password: 'pw' } }, namespace: 'data' });
    expect(redis.rendered).toBeUndefined();
    const result = await app.synth();
    const objects = result.charts.flatMap((c: { objects: { object: { kind: string; metadata: { name?: string } }; source: { file: string } }[] }) => c.objects);
    const statefulSet = objects.find((o) => o.object.kind === 'StatefulSet')!;
    expect(statefulSet.object.metadata.name).toBe('cache-redis');
    expect(statefulSet.source.file).toContain('charts/redis/templates/statefulset.yaml');
    expect(redis.rendered?.chart).toMatchObject({ name: 'redis', version: '0.1.0' });
    expect(redis.rendered?.values).toMatchObject({ auth: { password: 'pw' } });
  });
});

describe('HelmChart construct', () => {
  it('reports a missing helm binary clearly, at synth time', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new HelmChart(chart, 'x', { chart: 'charts/whatever', helmBinary: '/nonexistent/helm' });
    await expect(app.synth()).rejects.toThrow(/helm binary \("\/nonexistent\/helm"\) is not installed/);
  });

  it('renders through the helm binary it is given, keeping helm\'s # Source as the source', async () => {
    // A stand-in helm that prints what `helm template` prints; the real one runs in test/integration.
    const dir = mkdtempSync(join(tmpdir(), 'kcc-fake-helm-'));
    const fake = join(dir, 'helm');
    writeFileSync(fake, `#!/bin/sh\ncat <<EOF\n---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: $2-demo\ndata:\n  args: "$*"\nEOF\n`);
    chmodSync(fake, 0o755);
    const app = new App();
    const chart = new Chart(app, 'c');
    new HelmChart(chart, 'rel', { chart: 'demo', helmBinary: fake, set: ['a=1'] });
    const result = await app.synth();
    const object = result.charts[0]!.objects[0]!;
    expect(object.object.metadata.name).toBe('rel-demo');
    expect(String((object.object as unknown as { data: { args: string } }).data.args)).toContain('--set a=1');
    expect(object.source.file).toBe('helm:demo/templates/cm.yaml');
  });
});

describe('chart new and chart lint', () => {
  it('creates a starter chart that lints clean, and refuses to overwrite', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'kcc-new-')), 'shop');
    await createChart(dir);
    const result = await lintChart(dir);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.objects).toBe(2);
    await expect(createChart(dir)).rejects.toBeInstanceOf(KccError);
    await expect(createChart(join(dir, '..', 'Bad_Name'))).rejects.toThrow(/not a valid chart name/);
  });

  it('lint reports render errors instead of throwing', async () => {
    const result = await lintChart('charts/redis');
    expect(result.errors[0]?.message).toContain('Values.auth.password');
  });
});
