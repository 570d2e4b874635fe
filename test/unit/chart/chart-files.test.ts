import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/chart/render-chart.js';
import { writeChart } from './chart-fixture.js';

const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: files\nversion: 1.0.0\n',
  'values.yaml': 'greeting: hello\n',
  '.helmignore': '# editor files\n*.swp\nsecret-notes/\n',
  'config/app.conf': 'port=8080\nmode=fast\n',
  'config/log.conf': 'level=info\n',
  'config/app.conf.swp': 'editor junk',
  'secret-notes/todo.txt': 'not for the chart',
  'certs/tls.key': 'KEY',
  'templates/cm.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: files',
    'data:',
    '  {{~nindent 2 (Files.AsConfig "config/*")}}',
    '  first-line: {{quote (first (Files.Lines "config/app.conf"))}}',
    '  missing: {{quote (Files.Get "nope.txt")}}',
    '  escape: {{quote (Files.Get "../outside.txt")}}',
    '  template: {{quote (Files.Get "templates/cm.yaml")}}',
    '  listed: {{quote (join "," (keys (Files.Glob "**")))}}',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: files',
    'data:',
    '  {{~nindent 2 (Files.AsSecrets "certs/*")}}',
    '',
  ].join('\n'),
};

describe('.Files in templates (Helm\'s chart files)', () => {
  it('reads, globs and maps the chart\'s own files, leaving out templates, ignored and outside files', async () => {
    const dir = writeChart(CHART);
    writeChart({ 'outside.txt': 'no' });
    const { objects } = await renderChart(dir, { releaseName: 'r' });
    const [secret, configMap] = [objects.find((o) => o.object.kind === 'Secret')!.object, objects.find((o) => o.object.kind === 'ConfigMap')!.object];
    expect(configMap.data).toEqual({
      'app.conf': 'port=8080\nmode=fast\n',
      'log.conf': 'level=info\n',
      'first-line': 'port=8080',
      missing: '',
      escape: '',
      template: '',
      listed: 'certs/tls.key,config/app.conf,config/log.conf',
    });
    expect(secret.data).toEqual({ 'tls.key': Buffer.from('KEY').toString('base64') });
  });

  it('iterates a glob with #each: the path as @key, the content as this', async () => {
    const dir = writeChart({
      'Chart.yaml': 'apiVersion: v2\nname: each\nversion: 1.0.0\n',
      'files/a.txt': 'A',
      'files/b.txt': 'B',
      'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: each\ndata:\n{{#each (Files.Glob "files/*.txt")}}\n  {{base @key}}: {{quote this}}\n{{/each}}\n',
    });
    const { objects } = await renderChart(dir, { releaseName: 'r' });
    expect(objects[0]!.object.data).toEqual({ 'a.txt': 'A', 'b.txt': 'B' });
  });
});
