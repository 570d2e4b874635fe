import { describe, expect, it } from 'vitest';
import { formatChartLock, goJson, goYamlString, lockDigest, toLockDependency } from '../../../../src/chart/repository/chart-lock.js';
import { pickVersion } from '../../../../src/chart/repository/chart-version.js';
import { resolveChartUrl } from '../../../../src/chart/repository/repository-index.js';

describe('Chart.lock as Helm writes it', () => {
  it("writes JSON as Go's encoding/json: HTML characters escaped, struct order kept, map keys sorted", () => {
    const dependency = toLockDependency({ alias: 'a', name: 'x', 'import-values': [{ parent: 'p', child: 'c' }], repository: 'https://r', version: '>=1 <2 & co', tags: ['t'] });
    expect(goJson([dependency])).toBe(
      '[{"name":"x","version":"\\u003e=1 \\u003c2 \\u0026 co","repository":"https://r","tags":["t"],"import-values":[{"child":"c","parent":"p"}],"alias":"a"}]',
    );
  });

  it('leaves out what Go omits when empty, but always writes repository', () => {
    expect(toLockDependency({ name: 'x', tags: [], condition: '', enabled: false })).toEqual({ name: 'x', repository: '' });
    // sha256 of [[{"name":"x","repository":""}],[{"name":"x","repository":""}]]
    expect(lockDigest([{ name: 'x', repository: '' }], [{ name: 'x', repository: '' }])).toBe('sha256:a55e524ecede34771bd443c5081394c30fa27b4ab352746b2d3b83ed95918200');
  });

  it('quotes strings the way go-yaml does', () => {
    expect(goYamlString('1.3.0')).toBe('1.3.0');
    expect(goYamlString('^1.2.0')).toBe('^1.2.0');
    expect(goYamlString('')).toBe('""');
    expect(goYamlString('1.0')).toBe('"1.0"');
    expect(goYamlString('true')).toBe('"true"');
    expect(goYamlString('2026-12-03T10:00:00Z')).toBe('"2026-12-03T10:00:00Z"');
    expect(goYamlString('>=1.0.0')).toBe("'>=1.0.0'");
    expect(goYamlString('*')).toBe("'*'");
    expect(goYamlString('oci://r/x')).toBe('oci://r/x');
  });

  it('formats dependencies with sorted keys and no version when there is none', () => {
    expect(formatChartLock({ dependencies: [{ name: 'a', repository: '' }, { name: 'b', version: '~1.0', repository: 'file://../b' }], digest: 'sha256:00', generated: '2026-01-01T00:00:00Z' })).toBe(
      'dependencies:\n- name: a\n  repository: ""\n- name: b\n  repository: file://../b\n  version: ~1.0\ndigest: sha256:00\ngenerated: "2026-01-01T00:00:00Z"\n',
    );
  });
});

describe('version choice and chart URLs as Helm makes them', () => {
  it('prefers an exact match, then the newest satisfying release', () => {
    const versions = ['1.0.0', '1.10.0', '1.9.0', '2.0.0-rc.1', 'v1.2.0', 'latest'];
    expect(pickVersion(versions, undefined)).toBe('1.10.0');
    expect(pickVersion(versions, undefined, true)).toBe('2.0.0-rc.1');
    expect(pickVersion(versions, '~1.2')).toBe('v1.2.0');
    expect(pickVersion(versions, 'latest')).toBe('latest');
    expect(pickVersion(versions, '>=1.0.0, <1.9.5')).toBe('1.9.0');
    expect(pickVersion(versions, '^3')).toBeUndefined();
  });

  it('resolves relative chart URLs against the repository, keeping its query', () => {
    expect(resolveChartUrl('https://h/charts', 'app-1.0.0.tgz')).toBe('https://h/charts/app-1.0.0.tgz');
    expect(resolveChartUrl('https://h/charts/', '../dl/app-1.0.0.tgz')).toBe('https://h/dl/app-1.0.0.tgz');
    expect(resolveChartUrl('https://h/charts?token=t', 'app-1.0.0.tgz')).toBe('https://h/charts/app-1.0.0.tgz?token=t');
    expect(resolveChartUrl('https://h/charts', 'https://cdn/app-1.0.0.tgz')).toBe('https://cdn/app-1.0.0.tgz');
  });
});
