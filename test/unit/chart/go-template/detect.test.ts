import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectTemplateLanguage } from '../../../../src/chart/go-template/detect.js';

function chart(files: Record<string, string>, chartYaml = 'apiVersion: v2\nname: x\nversion: 0.1.0\n'): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-detect-'));
  writeFileSync(join(dir, 'Chart.yaml'), chartYaml);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('detectTemplateLanguage', () => {
  it('knows a Helm chart and kcc\'s own charts apart', () => {
    expect(detectTemplateLanguage('test/fixtures/helm-charts/basic')).toBe('go-template');
    expect(detectTemplateLanguage('charts/webapp')).toBe('handlebars');
    expect(detectTemplateLanguage('charts/redis')).toBe('handlebars');
  });

  it('takes a .tpl partial as Go and a .hbs partial as Handlebars', () => {
    expect(detectTemplateLanguage(chart({ 'templates/_helpers.tpl': '', 'templates/cm.yaml': 'kind: ConfigMap\n' }))).toBe('go-template');
    expect(detectTemplateLanguage(chart({ 'templates/_helpers.hbs': '', 'templates/cm.yaml': 'kind: ConfigMap\n' }))).toBe('handlebars');
  });

  it('counts the marks only one language writes', () => {
    const go = 'metadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- toYaml .Values.labels | nindent 4 }}\n{{- range $k, $v := .Values.data }}\n{{ end }}\n';
    const handlebars = 'metadata:\n  name: {{Release.Name}}\n{{#if Values.labels}}\n  labels:\n    {{~nindent 4 (toYaml Values.labels)}}\n{{/if}}\n';
    expect(detectTemplateLanguage(chart({ 'templates/cm.yaml': go }))).toBe('go-template');
    expect(detectTemplateLanguage(chart({ 'templates/cm.yaml': handlebars }))).toBe('handlebars');
  });

  it('leaves a chart without template syntax on kcc\'s engine (both render it alike)', () => {
    expect(detectTemplateLanguage(chart({ 'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n' }))).toBe('handlebars');
    expect(detectTemplateLanguage(chart({}))).toBe('handlebars');
  });

  it('follows a kcc.dev/template-language annotation over the files', () => {
    const annotated = 'apiVersion: v2\nname: x\nversion: 0.1.0\nannotations:\n  kcc.dev/template-language: go-template\n';
    expect(detectTemplateLanguage(chart({ 'templates/cm.yaml': 'name: plain\n' }, annotated))).toBe('go-template');
  });
});
