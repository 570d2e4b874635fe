import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTemporaryCacheDir } from '../../helpers/temporary-cache-dir.js';
import { stripLineMarkers } from '../../../src/chart/line-markers.js';
import { TemplateEngine } from '../../../src/chart/template-engine.js';

const PARTIAL = '{{#define "labels"}}\napp: {{name}}\n{{/define}}\n';
const TEMPLATE = 'metadata:\n  labels:\n    {{~nindent 4 (include "labels" this)}}\n  name: {{required "set name" Values.name}}\n';

function render(values: Record<string, unknown>): string {
  const engine = new TemplateEngine();
  engine.addPartialFile('templates/_helpers.hbs', PARTIAL, 'test');
  return stripLineMarkers(engine.compileTemplate('templates/cm.yaml', TEMPLATE, 'test')({ Values: values, name: 'web' })).lines.join('\n');
}

describe('compiled-template cache', () => {
  const cacheDir = useTemporaryCacheDir();

  it('stores each compiled file once and renders the same from the cache', () => {
    const first = render({ name: 'a' });
    const files = readdirSync(join(cacheDir(), 'templates'));
    expect(files).toHaveLength(2);
    expect(render({ name: 'a' })).toBe(first);
    expect(readdirSync(join(cacheDir(), 'templates'))).toEqual(files);
    expect(first).toContain('app: web');
  });

  it('keeps what errors need: the key a required call checks, and the template line', () => {
    render({ name: 'a' });
    expect(() => render({})).toThrow(/required value Values\.name is not set in chart "test": set name/);
    try {
      render({});
    } catch (error) {
      expect((error as { location?: { line?: number } }).location?.line).toBe(4);
    }
  });

  it('compiles again when a cache file is damaged', () => {
    const first = render({ name: 'a' });
    for (const file of readdirSync(join(cacheDir(), 'templates'))) writeFileSync(join(cacheDir(), 'templates', file), '{not json');
    expect(render({ name: 'a' })).toBe(first);
  });

  it('never stores a template that does not compile', () => {
    const engine = new TemplateEngine();
    expect(() => engine.compileTemplate('templates/bad.yaml', 'a: {{#if x}}\n', 'test')).toThrow(expect.objectContaining({ message: expect.stringMatching(/^template syntax error/), location: expect.objectContaining({ file: 'templates/bad.yaml' }) }));
    expect(() => readdirSync(join(cacheDir(), 'templates'))).toThrow();
  });
});
