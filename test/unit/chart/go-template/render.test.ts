import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tar from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureHelmEngine } from '../../../../src/chart/go-template/engine-build.js';
import { KccError } from '../../../../src/core/errors.js';
import { renderChart } from '../../../../src/chart/render-chart.js';
import { lintChart } from '../../../../src/chart/lint-chart.js';
import { runHelmEngine } from '../../../../src/chart/go-template/engine-client.js';

const BASIC = 'test/fixtures/helm-charts/basic';

/** A Helm chart in a temporary directory: Chart.yaml plus the given files. */
function helmChart(files: Record<string, string>, name = 'broken'): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kcc-go-chart-')), name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  writeFileSync(join(dir, 'values.yaml'), 'name: x\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function renderError(dir: string): Promise<KccError> {
  const error = await renderChart(dir, { releaseName: 'r', validate: false }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KccError);
  return error as KccError;
}

describe('Go-template charts through renderChart', () => {
  // The engine is built once per machine (npm run build:helm-engine, as .ci/run does); a cold Go build takes minutes.
  beforeAll(() => ensureHelmEngine(), 1_800_000);

  it('routes a Helm chart to Helm\'s engine: CRDs first, hooks last with their annotations', async () => {
    const rendered = await renderChart(BASIC, { releaseName: 'demo', namespace: 'shop' });
    expect(rendered.language).toBe('go-template');
    const kinds = rendered.objects.map((o) => o.object.kind);
    expect(kinds).toEqual(['CustomResourceDefinition', 'ConfigMap', 'Service', 'Deployment', 'Job']);
    const job = rendered.objects.at(-1)!.object;
    expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    // Each object is sourced at its template file, so errors and overlays can name it.
    expect(rendered.objects[1]!.source.file).toBe(join(BASIC, 'templates/configmap.yaml'));
    // `tpl` on a value, Helm's Release.Service, sprig's sha256sum.
    expect(rendered.objects[1]!.object).toMatchObject({ data: { greeting: 'hello demo', LOG_LEVEL: 'info' } });
    expect(rendered.objects[1]!.object.metadata.labels?.['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(rendered.notes).toBe('demo-basic is listening on port 80.\n');
    expect(rendered.helmDocuments?.map((d) => d.path)).toEqual([
      'basic/crds/widgets.example.com.yaml',
      'basic/templates/configmap.yaml',
      'basic/templates/service.yaml',
      'basic/templates/deployment.yaml',
      'basic/templates/migrate-job.yaml',
    ]);
  });

  it('leaves CRDs out on request (helm template without --include-crds) and layers values as Helm does', async () => {
    const values = join(mkdtempSync(join(tmpdir(), 'kcc-values-')), 'v.yaml');
    writeFileSync(values, 'replicaCount: 5\nmigrations:\n  enabled: false\n');
    const rendered = await renderChart(BASIC, { releaseName: 'demo', includeCrds: false, values: { replicaCount: 3, service: { port: 81 } }, valueFiles: [values], set: ['image.tag=2.0'] });
    const deployment = rendered.objects.find((o) => o.object.kind === 'Deployment')!.object as unknown as { spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.replicas).toBe(5);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('registry.example.com/team/web:2.0');
    expect(rendered.objects.map((o) => o.object.kind)).toEqual(['ConfigMap', 'Service', 'Deployment']);
    expect(rendered.objects.find((o) => o.object.kind === 'Service')!.object).toMatchObject({ spec: { ports: [{ port: 81 }] } });
  });

  it('reads a packaged chart (.tgz) as helm does', async () => {
    const archive = join(mkdtempSync(join(tmpdir(), 'kcc-tgz-')), 'basic-0.1.0.tgz');
    await tar.c({ gzip: true, file: archive, cwd: resolve(BASIC, '..') }, ['basic']);
    const rendered = await renderChart(archive, { releaseName: 'packed', includeCrds: false });
    expect(rendered.language).toBe('go-template');
    expect(rendered.objects.map((o) => o.object.metadata.name)).toEqual(['packed-basic', 'packed-basic', 'packed-basic', 'packed-basic-migrate']);
  });

  it('renders many releases in one engine process, in request order', async () => {
    const releases = Array.from({ length: 12 }, (_, index) => ({ chart: BASIC, releaseName: `r${index}`, set: [`replicaCount=${index}`] }));
    const results = await runHelmEngine(releases);
    expect(results.map((result) => /replicas: (\d+)/.exec(result.manifests.find((m) => m.path.endsWith('deployment.yaml'))!.content)?.[1])).toEqual(releases.map((_, index) => String(index)));
  });

  it('names chart, template file, line and failing expression for an execution error', async () => {
    const dir = helmChart({ 'templates/_helpers.tpl': '{{- define "x.name" -}}{{ .Values.name }}{{- end -}}\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ include "x.name" . }}\ndata:\n  a: {{ .Values.missing.deep }}\n' });
    const error = await renderError(dir);
    expect(error.message).toContain('Helm chart "broken"');
    expect(error.message).toContain('<.Values.missing.deep>');
    expect(error.location).toMatchObject({ file: join(dir, 'templates/cm.yaml'), line: 6 });
    expect(error.message).not.toMatch(/_helpers\.tpl:1:1/);
  });

  it('reports `required` and `fail` as Helm does, at their line', async () => {
    const dir = helmChart({ 'templates/_helpers.tpl': '{{/* nothing */}}\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  password: {{ required "auth.password is required" .Values.auth }}\n' });
    const error = await renderError(dir);
    expect(error.message).toContain('auth.password is required');
    expect(error.location).toMatchObject({ file: join(dir, 'templates/cm.yaml'), line: 6 });
  });

  it('reports a template syntax error at its file and line', async () => {
    const dir = helmChart({ 'templates/_helpers.tpl': '{{- define "x" }}ok{{ end }}\n', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{ if }}\n' });
    const error = await renderError(dir);
    expect(error.message).toMatch(/missing value for if/);
    expect(error.location).toMatchObject({ file: join(dir, 'templates/cm.yaml'), line: 5 });
  });

  it('gives `lookup` nothing offline, as helm template does', async () => {
    const dir = helmChart({ 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  {{- $s := lookup "v1" "Secret" "default" "db" }}\n  found: {{ if $s }}"yes"{{ else }}"no"{{ end }}\n  all: {{ (lookup "v1" "Secret" "" "") | toJson | quote }}\n' }, 'looker');
    const rendered = await renderChart(dir, { releaseName: 'r' });
    expect(rendered.objects[0]!.object).toMatchObject({ data: { found: 'no', all: '{}' } });
  });

  it('says which dependency is missing and how to fetch it', async () => {
    const dir = helmChart({ 'templates/_helpers.tpl': '', 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n' });
    writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: broken\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 2.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n');
    const error = await renderError(dir);
    expect(error.message).toMatch(/common/);
    expect(error.message).toMatch(/missing in charts\/ directory/);
    expect(error.hint).toMatch(/dependency update/);
  });

  it('lints a Helm chart with Helm\'s engine, reporting template errors as lint errors', async () => {
    const good = await lintChart(BASIC);
    expect(good.errors).toEqual([]);
    expect(good.objects).toBe(5);
    const bad = await lintChart(helmChart({ 'templates/_helpers.tpl': '', 'templates/cm.yaml': 'a: {{ .Values.x.y }}\n' }));
    expect(bad.errors[0]?.message).toContain('<.Values.x.y>');
  });
});
