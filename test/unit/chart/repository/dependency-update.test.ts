import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDependencies } from '../../../../src/chart/dependencies.js';
import { loadChart } from '../../../../src/chart/load-chart.js';
import { renderChart } from '../../../../src/chart/render-chart.js';
import { buildDependencies, listDependencies, updateDependencies } from '../../../../src/chart/repository/dependency-manager.js';
import { lockDigest } from '../../../../src/chart/repository/chart-lock.js';
import { isKccError, type KccError } from '../../../../src/core/errors.js';
import { writeChart } from '../chart-fixture.js';
import { chartArchive, indexYaml, sha256, startChartRepository, type LoopbackServer } from './loopback-servers.js';

const NOW = new Date('2026-12-03T10:00:00.5Z');
let repository: LoopbackServer;
const archives = new Map<string, Buffer>();

beforeAll(async () => {
  for (const version of ['1.2.3', '1.3.0', '2.0.0', '1.4.0-rc.1']) archives.set(`sub-${version}`, await chartArchive('sub', version));
  archives.set('other-0.5.0', await chartArchive('other', '0.5.0'));
  const files = new Map<string, Buffer | string>();
  // sub's archives sit under charts/ (relative URLs); other's under an absolute URL to the same server.
  for (const [file, bytes] of archives) files.set(file.startsWith('sub') ? `/charts/${file}.tgz` : `/abs/${file}.tgz`, bytes);
  repository = await startChartRepository(files);
  const entries = [
    ...['1.2.3', '1.3.0', '2.0.0', '1.4.0-rc.1'].map((version) => ({ name: 'sub', version, url: `charts/sub-${version}.tgz`, digest: sha256(archives.get(`sub-${version}`)!) })),
    { name: 'other', version: '0.5.0', url: `${repository.url}/abs/other-0.5.0.tgz`, digest: sha256(archives.get('other-0.5.0')!) },
    // Listed with a wrong digest: the download must be noticed.
    { name: 'tampered', version: '1.0.0', url: 'charts/sub-1.2.3.tgz', digest: sha256('something else') },
  ];
  files.set('/index.yaml', indexYaml(entries));
});
afterAll(() => repository.close());

function parentChart(dependencies: string, extra: Record<string, string> = {}): string {
  return writeChart({
    'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n${dependencies}`,
    'templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: parent\n',
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<KccError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(isKccError(error), String(error)).toBe(true);
  return error as KccError;
}

describe('kcc chart dependency update from a chart repository', () => {
  it('picks the newest version the constraint allows, saves the archive as served and writes Chart.lock', async () => {
    const dir = parentChart(`- name: sub\n  version: ^1.2.0\n  repository: ${repository.url}\n- name: other\n  version: ">=0.1.0 <1.0.0"\n  repository: ${repository.url}/\n`);
    const result = await updateDependencies(dir, { now: NOW });
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['other-0.5.0.tgz', 'sub-1.3.0.tgz']);
    expect(readFileSync(join(dir, 'charts/sub-1.3.0.tgz')).equals(archives.get('sub-1.3.0')!)).toBe(true);
    expect(readFileSync(join(dir, 'charts/other-0.5.0.tgz')).equals(archives.get('other-0.5.0')!)).toBe(true);
    const requested = [
      { name: 'sub', version: '^1.2.0', repository: repository.url },
      { name: 'other', version: '>=0.1.0 <1.0.0', repository: `${repository.url}/` },
    ];
    const locked = [
      { name: 'sub', version: '1.3.0', repository: repository.url },
      { name: 'other', version: '0.5.0', repository: `${repository.url}/` },
    ];
    expect(result.lock.digest).toBe(lockDigest(requested, locked));
    expect(readFileSync(join(dir, 'Chart.lock'), 'utf8')).toBe([
      'dependencies:',
      '- name: sub',
      `  repository: ${repository.url}`,
      '  version: 1.3.0',
      '- name: other',
      `  repository: ${repository.url}/`,
      '  version: 0.5.0',
      `digest: ${result.lock.digest}`,
      'generated: "2026-12-03T10:00:00.5Z"',
      '',
    ].join('\n'));
    // The parent now renders with the fetched subcharts.
    const loaded = await loadChart(dir);
    expect((await resolveDependencies(loaded)).map((d) => `${d.key}@${d.chart.metadata.version}`)).toEqual(['sub@1.3.0', 'other@0.5.0']);
    const rendered = await renderChart(dir, { releaseName: 'r', namespace: 'default' });
    expect(rendered.objects.map((o) => o.object.metadata.name).sort()).toEqual(['other', 'parent', 'sub']);
  });

  it('leaves an unchanged Chart.lock alone, replaces outdated archives and keeps unrelated files', async () => {
    const dir = parentChart(`- name: sub\n  version: ~1.2.0\n  repository: ${repository.url}\n`, { 'charts/README.txt': 'not a chart' });
    await updateDependencies(dir, { now: NOW });
    expect(existsSync(join(dir, 'charts/sub-1.2.3.tgz'))).toBe(true);
    const second = await updateDependencies(dir, { now: new Date('2027-01-01T00:00:00Z') });
    expect(second.lockWritten).toBe(false);
    expect(readFileSync(join(dir, 'Chart.lock'), 'utf8')).toContain('generated: "2026-12-03T10:00:00.5Z"');
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: "2"\n  repository: ${repository.url}\n`);
    const third = await updateDependencies(dir, { now: NOW });
    expect(third.removed).toEqual([join(dir, 'charts', 'sub-1.2.3.tgz')]);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['README.txt', 'sub-2.0.0.tgz']);
  });

  it('takes prereleases only when the constraint names one', async () => {
    const dir = parentChart(`- name: sub\n  version: ">=1.3.0-0 <2.0.0"\n  repository: ${repository.url}\n`);
    await updateDependencies(dir, { now: NOW });
    expect(readdirSync(join(dir, 'charts'))).toEqual(['sub-1.4.0-rc.1.tgz']);
  });

  it('packs file:// dependencies and checks charts/ ones, as Helm does', async () => {
    const library = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 3.1.0\ntype: library\n', 'templates/_x.tpl': '{{/* nothing */}}\n' });
    const dir = parentChart(`- name: lib\n  version: 3.x\n  repository: file://${library}\n- name: vendored\n  version: ^1.0.0\n`, {
      'charts/vendored/Chart.yaml': 'apiVersion: v2\nname: vendored\nversion: 1.1.0\n',
    });
    const result = await updateDependencies(dir, { now: NOW });
    expect(result.lock.dependencies).toEqual([
      { name: 'lib', version: '3.1.0', repository: `file://${library}` },
      { name: 'vendored', version: '^1.0.0', repository: '' },
    ]);
    expect(readFileSync(join(dir, 'Chart.lock'), 'utf8')).toContain('- name: vendored\n  repository: ""\n  version: ^1.0.0\n');
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['lib-3.1.0.tgz', 'vendored']);
    const loaded = await loadChart(dir);
    expect(loaded.subcharts.map((sub) => `${sub.metadata.name}@${sub.metadata.version}`)).toEqual(['lib@3.1.0', 'vendored@1.1.0']);
  });

  it('says which dependency no version satisfies, and which chart a repository lacks', async () => {
    const unsatisfied = await failure(updateDependencies(parentChart(`- name: sub\n  version: ^5.0.0\n  repository: ${repository.url}\n`)));
    expect(unsatisfied.message).toContain(`sub (repository "${repository.url}", version "^5.0.0")`);
    expect(unsatisfied.hint).toMatch(/version constraint/);
    const absent = await failure(updateDependencies(parentChart(`- name: nope\n  version: 1.0.0\n  repository: ${repository.url}\n`)));
    expect(absent.message).toBe(`chart "nope" is not in repository ${repository.url}`);
    expect(absent.hint).toContain('sub');
    const noVersion = await failure(updateDependencies(parentChart(`- name: sub\n  repository: ${repository.url}\n`)));
    expect(noVersion.message).toBe('dependency "sub" has no version constraint');
    expect(noVersion.field).toBe('dependencies[0].version');
    const notRepo = await failure(updateDependencies(parentChart(`- name: sub\n  version: 1.0.0\n  repository: ${repository.url}/missing\n`)));
    expect(notRepo.message).toMatch(/cannot read the index of chart repository .*\/missing: .*answered 404/);
  });

  it("warns when an archive differs from the index's digest, and fails with strict", async () => {
    const warnings: string[] = [];
    const dir = parentChart(`- name: tampered\n  version: 1.0.0\n  repository: ${repository.url}\n`);
    await updateDependencies(dir, { now: NOW, warn: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`but the repository index says ${sha256('something else')}`);
    const strict = await failure(updateDependencies(parentChart(`- name: tampered\n  version: 1.0.0\n  repository: ${repository.url}\n`), { strict: true }));
    expect(strict.message).toMatch(/has sha256 [0-9a-f]{64}, but the repository index says/);
  });
});

describe('kcc chart dependency build and list', () => {
  it('build fetches what Chart.lock names, even when a newer version appeared, and refuses a stale lock', async () => {
    const dir = parentChart(`- name: sub\n  version: ^1.2.0\n  repository: ${repository.url}\n`);
    const lockedDigest = lockDigest([{ name: 'sub', version: '^1.2.0', repository: repository.url }], [{ name: 'sub', version: '1.2.3', repository: repository.url }]);
    writeFileSync(join(dir, 'Chart.lock'), `dependencies:\n- name: sub\n  repository: ${repository.url}\n  version: 1.2.3\ndigest: ${lockedDigest}\ngenerated: "2026-01-01T00:00:00Z"\n`);
    expect(await listDependencies(dir)).toEqual([{ name: 'sub', version: '^1.2.0', repository: repository.url, status: 'missing' }]);
    const built = await buildDependencies(dir);
    expect(built.lockWritten).toBe(false);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['sub-1.2.3.tgz']);
    expect(await listDependencies(dir)).toEqual([{ name: 'sub', version: '^1.2.0', repository: repository.url, status: 'ok' }]);

    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: ^2.0.0\n  repository: ${repository.url}\n`);
    expect(await listDependencies(dir)).toEqual([{ name: 'sub', version: '^2.0.0', repository: repository.url, status: 'wrong version' }]);
    const stale = await failure(buildDependencies(dir));
    expect(stale.message).toBe('Chart.lock is out of sync with the dependencies in Chart.yaml');
    expect(stale.hint).toContain(`kcc chart dependency update ${dir}`);
  });

  it('build without a Chart.lock resolves like update', async () => {
    const dir = parentChart(`- name: sub\n  version: 1.2.3\n  repository: ${repository.url}\n`);
    const result = await buildDependencies(dir, { now: NOW });
    expect(result.lockWritten).toBe(true);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['sub-1.2.3.tgz']);
  });
});

describe('rendering a chart whose dependency was not fetched', () => {
  it('names the dependency, its repository and the command that fetches it', async () => {
    const dir = parentChart(`- name: sub\n  version: ^1.2.0\n  repository: ${repository.url}\n`);
    const error = await failure(renderChart(dir, { releaseName: 'r', namespace: 'default' }));
    expect(error.message).toBe(`chart "parent" depends on "sub" ^1.2.0, which is not in ${dir}/charts/ (repository ${repository.url})`);
    expect(error.hint).toContain(`kcc chart dependency update ${dir}`);
    expect(error.location?.file).toBe(`${dir}/Chart.yaml`);
  });

  it('says so when charts/ holds a version the constraint rejects', async () => {
    const dir = parentChart(`- name: sub\n  version: ^2.0.0\n  repository: ${repository.url}\n`);
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: ^1.0.0\n  repository: ${repository.url}\n`);
    await updateDependencies(dir, { now: NOW });
    writeFileSync(join(dir, 'Chart.yaml'), `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: ^2.0.0\n  repository: ${repository.url}\n`);
    const error = await failure(renderChart(dir, { releaseName: 'r', namespace: 'default' }));
    expect(error.message).toMatch(/^chart "parent" needs sub \^2\.0\.0 from http:\/\/127\.0\.0\.1:\d+, but .* is version 1\.3\.0$/);
    expect(error.hint).toContain(`kcc chart dependency update ${dir}`);
  });
});

describe('kcc chart pull from a chart repository', () => {
  it('pulls by name with --repo and a range, and by archive URL (the version read from its Chart.yaml)', async () => {
    const { pullChart } = await import('../../../../src/chart/repository/pull-chart.js');
    const destination = writeChart({});
    const byName = await pullChart('sub', { repo: repository.url, version: '~1.2', destination });
    expect(byName).toEqual({ version: '1.2.3', path: join(destination, 'sub-1.2.3.tgz'), source: `${repository.url}/charts/sub-1.2.3.tgz` });
    expect(readFileSync(byName.path).equals(archives.get('sub-1.2.3')!)).toBe(true);
    const byUrl = await pullChart(`${repository.url}/abs/other-0.5.0.tgz`, { destination });
    expect(byUrl.version).toBe('0.5.0');
    const notChart = await failure(pullChart(`${repository.url}/index.yaml`, { destination }));
    expect(notChart.message).toBe(`${repository.url}/index.yaml is not a chart archive (no Chart.yaml inside)`);
    const unknown = await failure(pullChart('just-a-name', { destination }));
    expect(unknown.hint).toContain('--repo');
  });
});
