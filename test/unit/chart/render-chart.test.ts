import { describe, expect, it } from 'vitest';
import { KccError, KccErrors } from '../../../src/core/errors.js';
import { renderChart } from '../../../src/chart/index.js';
import { writeChart } from './chart-fixture.js';

const CHART = 'apiVersion: v2\nname: app\nversion: 1.0.0\n';
const CM = (name = 'cm', extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n${extra}`;

async function failure(promise: Promise<unknown>): Promise<KccError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KccError);
    return error as KccError;
  }
  throw new Error('expected the render to fail');
}

describe('renderChart', () => {
  it('renders the fixture chart in install order with template file:line sources and built-ins', async () => {
    const result = await renderChart('test/unit/chart/fixtures/basic', { releaseName: 'shop', namespace: 'prod' });
    expect(result.objects.map((o) => o.object.kind)).toEqual(['Service', 'Deployment']);
    expect(result.objects[1]!.source).toEqual({ kind: 'template', file: 'test/unit/chart/fixtures/basic/templates/deployment.yaml', line: 1 });
    expect(result.objects[1]!.object.metadata.name).toBe('shop-basic');
    expect(result.chart).toMatchObject({ name: 'basic', version: '1.2.3', appVersion: '4.5' });
    expect(result.values).toMatchObject({ replicas: 2 });
  });

  it('exposes Release, Chart and Capabilities with Helm meaning; renders NOTES.txt; installs crds/ first', async () => {
    const dir = writeChart({
      'Chart.yaml': `${CHART}appVersion: "9.9"\n`,
      'templates/cm.yaml': CM('cm', '  release: "{{Release.Name}}/{{Release.Namespace}}/{{Release.IsInstall}}"\n  chart: "{{Chart.Name}}-{{Chart.Version}}-{{Chart.AppVersion}}"\n  kube: "{{Capabilities.KubeVersion.Major}}.{{Capabilities.KubeVersion.Minor}}"\n  apps: "{{Capabilities.APIVersions.Has "apps/v1"}}"\n  template: "{{Template.Name}}"\n'),
      'templates/NOTES.txt': 'Installed {{Release.Name}}.\n',
      'crds/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {type: object}\n',
    });
    const result = await renderChart(dir, { releaseName: 'r', namespace: 'ns', kubeVersion: 'v1.36.3' });
    expect(result.objects[0]!.object.kind).toBe('CustomResourceDefinition');
    expect(result.objects[1]!.object.data).toMatchObject({ release: 'r/ns/true', chart: 'app-1.0.0-9.9', kube: '1.36', apps: 'true', template: 'app/templates/cm.yaml' });
    expect(result.notes).toBe('Installed r.\n');
  });

  it('rejects values that break values.schema.json before rendering, naming the path and rule', async () => {
    const dir = writeChart({
      'Chart.yaml': CHART,
      'values.yaml': 'replicas: 1\nimage: {tag: "1"}\n',
      'values.schema.json': JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer', minimum: 1 }, image: { type: 'object', properties: { tag: { type: 'string' } }, required: ['repository'] } } }),
      'templates/cm.yaml': '{{fail "must not render"}}',
    });
    const error = await failure(renderChart(dir, { releaseName: 'r', set: ['replicas=0,image.tag=5'] }));
    expect(error).toBeInstanceOf(KccErrors);
    const text = error.format();
    expect(text).toContain('Values.replicas: must be >= 1 (minimum)');
    expect(text).toContain('Values.image.tag: must be string (type)');
    expect(text).toContain('Values.image.repository: must have required property');
    expect(text).not.toContain('must not render');
  });

  it('reports a template syntax error at file:line:column', async () => {
    const dir = writeChart({ 'Chart.yaml': CHART, 'templates/bad.yaml': 'a: 1\nb: 2\nc: {{foo bar=}}\nd: 4\n' });
    const error = await failure(renderChart(dir, { releaseName: 'r' }));
    expect(error.message).toMatch(/template syntax error/);
    expect(error.location).toMatchObject({ file: `${dir}/templates/bad.yaml`, line: 3 });
    expect(error.location?.column).toBeGreaterThan(1);
  });

  it('reports a mismatched block at its line', async () => {
    const dir = writeChart({ 'Chart.yaml': CHART, 'templates/bad.yaml': 'a: 1\n{{#if x}}\n{{/each}}\n' });
    const error = await failure(renderChart(dir, { releaseName: 'r' }));
    expect(error.message).toContain("if doesn't match each");
    expect(error.location).toMatchObject({ line: 2 });
  });

  it('reports output that is not YAML at the template line that wrote it, through loops and helpers', async () => {
    const dir = writeChart({
      'Chart.yaml': CHART,
      'values.yaml': 'items: [a, b]\nbad: "x: [unclosed"\n',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n{{#each Values.items}}\n  {{this}}: ok\n{{/each}}\n  broken: {{Values.bad}}\n',
    });
    const error = await failure(renderChart(dir, { releaseName: 'r' }));
    expect(error.message).toMatch(/not valid YAML/);
    expect(error.location).toMatchObject({ file: `${dir}/templates/cm.yaml`, line: 9 });
  });

  it('reports schema violations of rendered objects at the template line of the field', async () => {
    const dir = writeChart({
      'Chart.yaml': CHART,
      'templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: "{{Values.n}}"\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: i}]\n',
    });
    const error = await failure(renderChart(dir, { releaseName: 'r', set: ['n=3'] }));
    const first = (error as KccErrors).errors[0]!;
    expect(first.field).toContain('spec.replicas');
    expect(first.location).toMatchObject({ file: `${dir}/templates/deploy.yaml`, line: 6 });
  });

  it('a missing or mismatched dependency is an error naming both charts', async () => {
    const missing = writeChart({ 'Chart.yaml': `${CHART}dependencies:\n  - name: redis\n    version: "^1.0.0"\n`, 'templates/cm.yaml': CM() });
    expect((await failure(renderChart(missing, { releaseName: 'r' }))).message).toMatch(/chart "app" depends on "redis" \^1.0.0, which is not in/);
    const mismatch = writeChart({
      'Chart.yaml': `${CHART}dependencies:\n  - name: redis\n    version: "^2.0.0"\n`,
      'templates/cm.yaml': CM(),
      'charts/redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.4.0\n',
    });
    expect((await failure(renderChart(mismatch, { releaseName: 'r' }))).message).toMatch(/needs redis \^2.0.0, but .* is version 1.4.0/);
  });

  it('subcharts get parent values under their key (or alias), global values, and honour conditions', async () => {
    const dir = writeChart({
      'Chart.yaml': `${CHART}dependencies:\n  - name: sub\n    version: "1.x"\n    alias: cache\n    condition: cache.enabled\n  - name: disabled\n    condition: disabled.enabled\n`,
      'values.yaml': 'global: {env: prod}\ncache: {enabled: true, size: parent}\ndisabled: {enabled: false}\n',
      'templates/cm.yaml': CM('parent', '  size: "{{Values.cache.size}}"\n'),
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.2.0\n',
      'charts/sub/values.yaml': 'size: sub\ncolor: blue\nglobal: {env: dev, region: eu}\n',
      'charts/sub/templates/cm.yaml': CM('{{Chart.Name}}', '  size: "{{Values.size}}"\n  color: "{{Values.color}}"\n  env: "{{Values.global.env}}-{{Values.global.region}}"\n'),
      'charts/disabled/Chart.yaml': 'apiVersion: v2\nname: disabled\nversion: 1.0.0\n',
      'charts/disabled/templates/cm.yaml': CM('disabled'),
    });
    const result = await renderChart(dir, { releaseName: 'r', set: ['cache.color=red'] });
    const byName = Object.fromEntries(result.objects.map((o) => [o.object.metadata.name, o.object.data]));
    expect(Object.keys(byName).sort()).toEqual(['cache', 'parent']);
    expect(byName.cache).toMatchObject({ size: 'parent', color: 'red', env: 'prod-eu' });
    expect(byName.parent).toMatchObject({ size: 'parent' });
  });

  it('refuses library charts and charts whose kubeVersion excludes the target', async () => {
    const library = writeChart({ 'Chart.yaml': `${CHART}type: library\n` });
    expect((await failure(renderChart(library, { releaseName: 'r' }))).message).toMatch(/library chart/);
    const old = writeChart({ 'Chart.yaml': `${CHART}kubeVersion: "<1.20.0"\n`, 'templates/cm.yaml': CM() });
    expect((await failure(renderChart(old, { releaseName: 'r', kubeVersion: 'v1.36.3' }))).message).toMatch(/requires Kubernetes <1.20.0/);
  });

  it('a missing required value fails the whole render', async () => {
    const dir = writeChart({ 'Chart.yaml': CHART, 'templates/a.yaml': CM('a'), 'templates/b.yaml': CM('{{required "set name" Values.name}}') });
    const error = await failure(renderChart(dir, { releaseName: 'r' }));
    expect(error.message).toContain('required value Values.name is not set in chart "app": set name');
    expect(error.location).toMatchObject({ file: `${dir}/templates/b.yaml`, line: 4 });
  });
});
