import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../src/core/kube-object.js';
import { compileProject } from '../../../src/project/compile.js';
import { writeStarter } from '../../../src/project/starter.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kcc-project-'));
}

describe('compileProject', () => {
  it('overlays plain YAML sources through an environment, with chart values and namespace', async () => {
    const dir = tempDir();
    cpSync(join(repo, 'charts', 'redis'), join(dir, 'charts', 'redis'), { recursive: true });
    mkdirSync(join(dir, 'overlays', 'dev'), { recursive: true });
    writeFileSync(
      join(dir, 'kcc.yaml'),
      `name: shop
charts:
- name: cache
  path: charts/redis
  values: {auth: {enabled: false}}
environments:
  dev:
    overlay: overlays/dev
    namespace: shop-dev
    values:
      cache: {replicas: 2, auth: {existingSecret: ""}}
`,
    );
    writeFileSync(join(dir, 'overlays', 'dev', 'kustomization.yaml'), 'resources:\n- kcc:chart/cache\n- extra.yaml\nlabels:\n- pairs: {env: dev}\n');
    writeFileSync(join(dir, 'overlays', 'dev', 'extra.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: "1"}\n');
    const compiled = await compileProject({ dir, env: 'dev' });
    expect(compiled.environment?.name).toBe('dev');
    expect(compiled.charts.map((c) => c.name).sort()).toEqual(['cache', 'dev']);
    const sts = compiled.objects.find((o) => o.object.kind === 'StatefulSet')!;
    expect(sts.object.metadata.labels?.env).toBe('dev');
    expect((sts.object.spec as { replicas: number }).replicas).toBe(2);
    expect(sts.object.metadata.namespace).toBe('shop-dev');
    expect(sts.touchedBy.some((step) => step.includes('labels'))).toBe(true);
    const extra = compiled.objects.find((o) => o.object.kind === 'ConfigMap' && o.object.metadata.name === 'extra')!;
    expect(extra.object.metadata.namespace).toBe('shop-dev');
    expect(extra.source.file).toMatch(/extra\.yaml$/);
    // install order: ConfigMap and Service before the StatefulSet
    const kinds = compiled.objects.map((o) => o.object.kind);
    expect(kinds.indexOf('ConfigMap')).toBeLessThan(kinds.indexOf('StatefulSet'));
  });

  it('names unknown environments and unknown kcc sources', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'o'));
    writeFileSync(join(dir, 'kcc.yaml'), 'environments:\n  dev:\n    overlay: o\n');
    writeFileSync(join(dir, 'o', 'kustomization.yaml'), 'resources: [kcc:chart/nope]\n');
    await expect(compileProject({ dir, env: 'prod' })).rejects.toThrow("no environment 'prod'");
    await expect(compileProject({ dir, env: 'dev' })).rejects.toThrow('kcc:chart/nope names no source');
  });

  // The TypeScript app runs through Node's loader hooks, which need the built kcc in a plain Node
  // process (npm run build): this test drives `kcc synth --env` end to end.
  it('compiles the kcc init starter (TypeScript app + overlays) for dev and prod', () => {
    const dir = tempDir();
    writeStarter({ dir, name: 'demo' });
    const synth = (env: string): KubeObject[] =>
      parseAllDocuments(execFileSync(process.execPath, [join(repo, 'bin', 'kcc.js'), 'synth', '--env', env, '--stdout'], { cwd: dir, encoding: 'utf8' })).map((d) => d.toJS() as KubeObject);
    const dev = synth('dev');
    const cm = dev.find((o) => o.kind === 'ConfigMap')!;
    expect(cm.metadata.name).toMatch(/^web-settings-[a-z0-9]{10}$/);
    expect(cm.data).toEqual({ LOG_LEVEL: 'debug' });
    const deployment = dev.find((o) => o.kind === 'Deployment')!;
    expect(JSON.stringify(deployment)).toContain(cm.metadata.name!);
    expect(deployment.metadata.namespace).toBe('demo-dev');
    const prodDeployment = synth('prod').find((o) => o.kind === 'Deployment') as unknown as { spec: { replicas: number; template: { spec: { containers: { image: string; resources?: unknown }[] } } } };
    expect(prodDeployment.spec.replicas).toBe(3);
    expect(prodDeployment.spec.template.spec.containers[0]!.image).toBe('nginx:1.27.3');
    expect(prodDeployment.spec.template.spec.containers[0]!.resources).toBeDefined();
  });
});
