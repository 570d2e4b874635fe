import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeValues } from '../../../src/overlay/helm-charts.js';
import { build, buildError, project } from './fixture.js';

const chart = {
  'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'charts/web/values.yaml': 'replicas: 1\nimage: {repository: nginx, tag: "1"}\n',
  'charts/web/templates/cm.yaml': 'kind: ConfigMap\n',
};

/**
 * A stand-in for helm that records its arguments and the values file it was given, and prints a
 * ConfigMap: the arguments are what kustomize passes (tested against the real helm in the
 * kustomize conformance suite's helm-cases).
 */
function recordingHelm(dir: string): { command: string; calls: () => { args: string[]; values: string }[] } {
  const command = join(dir, 'fake-helm');
  const log = join(dir, 'helm-calls.jsonl');
  writeFileSync(
    command,
    `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
const f = args.indexOf('-f');
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, values: f >= 0 ? fs.readFileSync(args[f + 1], 'utf8') : '' }) + '\\n');
if (args[0] === 'pull') process.exit(0);
process.stdout.write('apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: ' + args[1] + '-cm\\n');
`,
  );
  chmodSync(command, 0o755);
  return { command, calls: () => readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line)) };
}

describe('helmCharts (kcc build --enable-helm)', () => {
  it('runs helm template with kustomize arguments, merging valuesInline over the chart values', async () => {
    const dir = project({
      ...chart,
      'kustomization.yaml': 'namePrefix: p-\nhelmCharts:\n- name: web\n  releaseName: shop\n  namespace: web\n  includeCRDs: true\n  skipTests: true\n  apiVersions: [a/v1]\n  valuesInline:\n    image: {tag: "2"}\n',
    });
    const helm = recordingHelm(dir);
    const objects = await build(dir, { helm: { enabled: true, command: helm.command } });
    expect(objects.map((o) => o.metadata.name)).toEqual(['p-shop-cm']);
    const [call] = helm.calls();
    expect(call!.args.slice(0, 3)).toEqual(['template', 'shop', join(dir, 'charts/web')]);
    expect(call!.args).toEqual(expect.arrayContaining(['--namespace', 'web', '--include-crds', '--skip-tests', '--api-versions', 'a/v1']));
    expect(call!.values).toContain('replicas: 1');
    expect(call!.values).toContain('tag: "2"');
  });

  it('a chart from a repo with a version is pulled into <chartHome>/<name>-<version> when missing', async () => {
    const dir = project({ 'kustomization.yaml': 'helmCharts:\n- name: redis\n  repo: https://charts.example.com\n  version: 1.2.3\n  releaseName: r\n  valuesMerge: replace\n  valuesInline: {a: 1}\n' });
    const helm = recordingHelm(dir);
    await build(dir, { helm: { enabled: true, command: helm.command } });
    expect(helm.calls()[0]!.args).toEqual(['pull', '--untar', '--untardir', join(dir, 'charts/redis-1.2.3'), '--repo', 'https://charts.example.com', 'redis', '--version', '1.2.3']);
    expect(helm.calls()[1]!.args.slice(0, 3)).toEqual(['template', 'r', join(dir, 'charts/redis-1.2.3/redis')]);
  });

  it.each([
    ['without --enable-helm', 'helmCharts:\n- name: web\n', undefined, /needs --enable-helm/, 'helmCharts', 2],
    ['a chart that is not there and no repo', 'helmCharts:\n- name: missing\n', { enabled: true, command: 'helm' }, /no chart at .*charts\/missing and no repo/, 'helmCharts[0]', 2],
    ['an unknown valuesMerge', 'helmCharts:\n- name: web\n  valuesMerge: deep\n', { enabled: true, command: 'helm' }, /valuesMerge must be one of merge, override, replace, not 'deep'/, 'helmCharts[0].valuesMerge', 3],
    ['a helm that is not installed', 'helmCharts:\n- name: web\n', { enabled: true, command: '/nonexistent/helm' }, /helm command '\/nonexistent\/helm' not found/, 'helmCharts[0]', 2],
  ])('%s is one error at the entry', async (_name, kustomization, helm, message, field, line) => {
    const error = await buildError(project({ ...chart, 'kustomization.yaml': kustomization }), { helm });
    expect(error.message).toMatch(message);
    expect(error.field).toBe(field);
    expect(error.location).toMatchObject({ line });
  });

  it('values merge as kustomize merges them: source wins, null deletes, lists are replaced', () => {
    const merged = mergeValues({ a: { b: 1, c: 2 }, list: [{ name: 'x', v: 1 }, { name: 'y' }], gone: 1 }, { a: { c: 3 }, list: [{ name: 'x', v: 2 }], gone: null });
    expect(merged).toEqual({ a: { b: 1, c: 3 }, list: [{ name: 'x', v: 2 }] });
  });
});
