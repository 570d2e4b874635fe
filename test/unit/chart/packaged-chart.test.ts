import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import { useTemporaryCacheDir } from '../../helpers/temporary-cache-dir.js';
import { renderChart } from '../../../src/chart/render-chart.js';
import { writeChart } from './chart-fixture.js';

const REDIS = {
  'redis/Chart.yaml': 'apiVersion: v2\nname: redis\nversion: 1.4.0\n',
  'redis/values.yaml': 'port: 6379\n',
  'redis/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{Release.Name}}-redis\ndata:\n  port: "{{Values.port}}"\n',
};

/** A .tgz laid out as `helm package` makes it: one directory named after the chart. */
async function packageChart(files: Record<string, string>, into: string, name: string): Promise<string> {
  const source = writeChart(files);
  mkdirSync(into, { recursive: true });
  const archive = join(into, name);
  await tar.c({ gzip: true, file: archive, cwd: source }, [Object.keys(files)[0]!.split('/')[0]!]);
  return archive;
}

describe('packaged charts (.tgz)', () => {
  useTemporaryCacheDir();

  it('renders a dependency that `helm dependency build` left under charts/ as an archive', async () => {
    const parent = writeChart({
      'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: ~1.4.0\n',
      'values.yaml': 'redis:\n  port: 7000\n',
    });
    await packageChart(REDIS, join(parent, 'charts'), 'redis-1.4.0.tgz');
    const { objects } = await renderChart(parent, { releaseName: 'r' });
    expect(objects.map((o) => [o.object.metadata.name, o.object.data])).toEqual([['r-redis', { port: '7000' }]]);
    // Rendered a second time from the unpacked copy in the cache.
    expect((await renderChart(parent, { releaseName: 'r' })).objects).toHaveLength(1);
  });

  it('renders an archive given as the chart itself', async () => {
    const archive = await packageChart(REDIS, mkdtempSync(join(tmpdir(), 'kcc-tgz-')), 'redis-1.4.0.tgz');
    const { objects, chart } = await renderChart(archive, { releaseName: 'r' });
    expect(chart.name).toBe('redis');
    expect(objects[0]!.object.data).toEqual({ port: '6379' });
  });

  it('says what is wrong with an archive that is not a chart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-tgz-'));
    writeFileSync(join(dir, 'broken.tgz'), 'not gzip at all');
    await expect(renderChart(join(dir, 'broken.tgz'), { releaseName: 'r' })).rejects.toThrow(/broken\.tgz is not a packaged chart/);
    const empty = await packageChart({ 'notes/readme.txt': 'no chart here' }, dir, 'empty.tgz');
    await expect(renderChart(empty, { releaseName: 'r' })).rejects.toThrow(/empty\.tgz holds no chart/);
  });
});
