import { describe, expect, it } from 'vitest';
import { Construct } from 'constructs';
import { ApiObject, App, Chart, JsonPatch, KccError } from '../../../src/core/index.js';

function deployment(scope: Construct, id: string, name?: string): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: name ? { name } : undefined, spec: { replicas: 1 } });
}

describe('App, Chart, ApiObject', () => {
  it('stamps chart namespace and labels, skipping the namespace on cluster-scoped kinds', async () => {
    const app = new App();
    const chart = new Chart(app, 'web', { namespace: 'prod', labels: { team: 'a' } });
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } });
    const cm = new ApiObject(chart, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: { team: 'b' } }, data: { a: '1' } });
    cm.metadata.addAnnotation('note', 'x');
    const { charts } = await app.synth();
    expect(charts).toHaveLength(1);
    const [ns, config] = charts[0]!.objects.map((t) => t.object);
    expect(ns!.metadata).toEqual({ name: 'prod', labels: { team: 'a' } });
    expect(config!.metadata.namespace).toBe('prod');
    expect(config!.metadata.labels).toEqual({ team: 'b' });
    expect(config!.metadata.annotations).toEqual({ note: 'x' });
    expect(config!.metadata.name).toMatch(/^web-config-[0-9a-f]{8}$/);
  });

  it('never changes a labels object that the program shares between objects', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const shared = { app: 'web' };
    const a = new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { labels: shared } });
    new ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'Secret', metadata: { labels: shared } });
    a.metadata.addLabel('tier', 'front');
    const [secret, config] = (await app.synth()).charts[0]!.objects.map((t) => t.object);
    expect(config!.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(secret!.metadata.labels).toEqual({ app: 'web' });
    expect(shared).toEqual({ app: 'web' });
  });

  it('records the TypeScript file and line that created each object', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const obj = deployment(chart, 'd');
    // The first frame outside kcc: this test file (source-mapped lines are checked end to end).
    expect(obj.location?.file).toMatch(/app\.test\.ts$/);
    expect(obj.location?.line).toBeGreaterThan(0);
  });

  it('orders objects by install order and charts by dependencies, linearly on long chains', async () => {
    const app = new App();
    const charts: Chart[] = [];
    for (let i = 0; i < 8; i++) {
      const chart = new Chart(app, `chart${i}`);
      for (let j = 0; j < 5; j++) new ApiObject(chart, `o${j}`, { apiVersion: 'v1', kind: j % 2 ? 'Service' : 'ConfigMap' });
      charts.push(chart);
    }
    // Each chart depends on the next one, so the output order is the reverse of creation.
    for (let i = 0; i < 7; i++) charts[i]!.addDependency(charts[i + 1]!);
    const started = performance.now();
    const result = await app.synth();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.charts.map((c) => c.name)).toEqual(['chart7', 'chart6', 'chart5', 'chart4', 'chart3', 'chart2', 'chart1', 'chart0']);
    expect(result.charts[0]!.objects.map((t) => t.object.kind)).toEqual(['ConfigMap', 'ConfigMap', 'ConfigMap', 'Service', 'Service']);
  });

  it('stays linear on long dependency chains of charts and objects', async () => {
    const app = new App();
    let previous: Chart | undefined;
    let previousObject: ApiObject | undefined;
    for (let i = 0; i < 500; i++) {
      const chart = new Chart(app, `c${i}`);
      const object = new ApiObject(chart, 'o', { apiVersion: 'v1', kind: 'ConfigMap' });
      if (previous) chart.addDependency(previous);
      if (previousObject) object.addDependency(previousObject, previous!);
      previous = chart;
      previousObject = object;
    }
    const started = performance.now();
    const result = await app.synth();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.charts.map((c) => c.name).slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
  });

  it('puts an object after the objects it depends on, even against install order', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const job = new ApiObject(chart, 'job', { apiVersion: 'batch/v1', kind: 'Job' });
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    cm.addDependency(job);
    const { charts } = await app.synth();
    expect(charts[0]!.objects.map((t) => t.object.kind)).toEqual(['Job', 'ConfigMap']);
  });

  it('reports a dependency cycle between charts', async () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    a.addDependency(b);
    b.addDependency(a);
    await expect(app.synth()).rejects.toThrow(/cycle: a, b/);
  });

  it('applies JSON patches at synth', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const d = deployment(chart, 'd', 'web');
    d.addJsonPatch(JsonPatch.replace('/spec/replicas', 3), JsonPatch.add('/spec/paused', true), JsonPatch.add('/metadata/labels', { a: 'b' }), JsonPatch.remove('/metadata/labels/a'));
    const [object] = (await app.synth()).charts[0]!.objects.map((t) => t.object);
    expect(object!.spec).toEqual({ replicas: 3, paused: true });
    expect(object!.metadata.labels).toEqual({});
  });

  it('rejects a patch that does not apply, naming the object', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    deployment(chart, 'd', 'web').addJsonPatch(JsonPatch.replace('/spec/missing', 1));
    await expect(app.synth()).rejects.toThrow(/Deployment\/web: JSON patch .* failed/);
  });

  it('rejects two objects with the same kind, namespace and name, with both locations', async () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    deployment(chart, 'a', 'web');
    deployment(chart, 'b', 'web');
    const error = await app.synth().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KccError);
    expect((error as KccError).message).toMatch(/Deployment\/web is defined twice: at .*app\.test\.ts:\d+.* and at .*app\.test\.ts:\d+/);
  });

  it('refuses an object outside any chart', () => {
    const app = new App();
    expect(() => deployment(app, 'd')).toThrow(/not inside a Chart/);
  });
});
