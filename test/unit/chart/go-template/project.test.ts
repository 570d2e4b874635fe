import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureHelmEngine } from '../../../../src/chart/go-template/engine-build.js';
import { compileProject } from '../../../../src/project/compile.js';

describe('a Helm chart in kcc.yaml', () => {
  // The engine is built once per machine (npm run build:helm-engine, as .ci/run does); a cold Go build takes minutes.
  beforeAll(() => ensureHelmEngine(), 1_800_000);

  it('renders with the environment\'s values and namespace, and an overlay patches its objects', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-helm-project-'));
    cpSync(resolve('test/fixtures/helm-charts/basic'), join(dir, 'charts', 'basic'), { recursive: true });
    mkdirSync(join(dir, 'overlays', 'prod'), { recursive: true });
    writeFileSync(
      join(dir, 'kcc.yaml'),
      'name: shop\ncharts:\n- name: web\n  path: charts/basic\n  values: {replicaCount: 3}\nenvironments:\n  prod:\n    overlay: overlays/prod\n    namespace: shop-prod\n    values:\n      web: {image: {tag: "2.0.0"}}\n',
    );
    writeFileSync(
      join(dir, 'overlays', 'prod', 'kustomization.yaml'),
      'resources:\n- kcc:chart/web\npatches:\n- target: {kind: Deployment, name: web-basic}\n  patch: |\n    - op: replace\n      path: /spec/replicas\n      value: 7\n',
    );
    const compiled = await compileProject({ dir, env: 'prod' });
    const byKind = (kind: string) => compiled.objects.find((o) => o.object.kind === kind)!.object as unknown as { metadata: { namespace?: string; annotations?: Record<string, string> }; spec: Record<string, unknown> };
    const deployment = byKind('Deployment') as unknown as { metadata: { namespace: string }; spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } };
    expect(deployment.spec.replicas).toBe(7);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('registry.example.com/team/web:2.0.0');
    expect(deployment.metadata.namespace).toBe('shop-prod');
    // The chart's crds/ come along; the hook keeps its annotations for the apply engine.
    expect(byKind('CustomResourceDefinition')).toBeDefined();
    expect(byKind('Job').metadata.annotations?.['helm.sh/hook-weight']).toBe('-5');
  });
});
