import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChart } from '../../../src/chart/index.js';
import { applySetArgument } from '../../../src/chart/set-values.js';
import { coalesceValues, mergeValues } from '../../../src/chart/values.js';
import { CONFIGMAP_CHART, writeChart } from './chart-fixture.js';

async function finalValues(files: Record<string, string>, options: Parameters<typeof renderChart>[1] | Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const dir = writeChart(files);
  const result = await renderChart(dir, { validate: false, ...options, releaseName: 'r' } as Parameters<typeof renderChart>[1]);
  return JSON.parse(String(result.objects[0]!.object.data && (result.objects[0]!.object.data as Record<string, string>).values));
}

describe('values precedence', () => {
  it('chart values.yaml < environment values < -f files in order < --set < --set-string < --set-file', async () => {
    const dir = writeChart(CONFIGMAP_CHART);
    writeFileSync(join(dir, 'one.yaml'), 'c: file1\nd: file1\ne: file1\nf: file1\n');
    writeFileSync(join(dir, 'two.yaml'), 'd: file2\ne: file2\nf: file2\n');
    writeFileSync(join(dir, 'content.txt'), 'from a file');
    const result = await renderChart(dir, {
      releaseName: 'r',
      validate: false,
      values: { b: 'env', c: 'env', d: 'env' },
      valueFiles: [join(dir, 'one.yaml'), join(dir, 'two.yaml')],
      set: ['e=set,f=set'],
      setString: ['f=string'],
      setFile: [`gone=${join(dir, 'content.txt')}`],
    });
    expect(result.values).toMatchObject({ a: 'chart', b: 'env', c: 'file1', d: 'file2', e: 'set', f: 'string', gone: 'from a file' });
  });

  it('maps merge deeply, lists replace, null deletes a default', async () => {
    const values = await finalValues(CONFIGMAP_CHART, { values: { nested: { over: 'env' }, list: [9], gone: null } });
    expect(values.nested).toEqual({ keep: 'chart', over: 'env' });
    expect(values.list).toEqual([9]);
    expect(values).not.toHaveProperty('gone');
  });

  it('--set null deletes a default too', async () => {
    const values = await finalValues(CONFIGMAP_CHART, { set: ['gone=null'] });
    expect(values).not.toHaveProperty('gone');
  });

  it('mergeValues and coalesceValues', () => {
    expect(mergeValues({ a: { b: 1, c: [1] } }, { a: { c: [2], d: null } })).toEqual({ a: { b: 1, c: [2], d: null } });
    expect(coalesceValues({ a: { d: null }, x: 1 }, { a: { b: 1, d: 2 } })).toEqual({ a: { b: 1 }, x: 1 });
  });
});

describe('--set syntax (Helm strvals)', () => {
  const set = (text: string, mode: 'typed' | 'string' = 'typed', target: Record<string, unknown> = {}): Record<string, unknown> => {
    applySetArgument(target, text, mode);
    return target;
  };

  it('types values as Helm does', () => {
    expect(set('a=true,b=FALSE,c=null,d=0,e=42,f=1.5,g=0755,h=-3,i=')).toEqual({ a: true, b: false, c: null, d: 0, e: 42, f: '1.5', g: '0755', h: -3, i: '' });
    expect(set('a=true,e=42', 'string')).toEqual({ a: 'true', e: '42' });
  });

  it('nested keys, list indices, list literals and escapes', () => {
    expect(set('image.tag=1.2,servers[0].port=80,servers[0].host=a,servers[2]=x')).toEqual({ image: { tag: '1.2' }, servers: [{ port: 80, host: 'a' }, null, 'x'] });
    expect(set('tags={a,b,3}')).toEqual({ tags: ['a', 'b', 3] });
    expect(set('name=a\\,b,annotations.example\\.com/x=y')).toEqual({ name: 'a,b', annotations: { 'example.com/x': 'y' } });
    expect(set('m[0][1]=z')).toEqual({ m: [[null, 'z']] });
  });

  it('edits lists given by earlier layers, as Helm does', () => {
    expect(set('list[1]=b', 'typed', { list: ['a', 'x', 'c'] })).toEqual({ list: ['a', 'b', 'c'] });
  });

  it('rejects malformed input', () => {
    expect(() => set('novalue')).toThrow(/has no value/);
    expect(() => set('a[x]=1')).toThrow(/not a non-negative integer/);
    expect(() => set('a[100000]=1')).toThrow(/larger than/);
  });
});
