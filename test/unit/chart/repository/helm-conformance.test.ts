import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDependencies } from '../../../../src/chart/repository/dependency-manager.js';
import { writeChart } from '../chart-fixture.js';
import { chartArchive, indexYaml, sha256, startChartRepository, startOciRegistry, type LoopbackServer, type OciRegistry } from './loopback-servers.js';
import { helmBinary } from '../../../helpers/helm-binary.js';



/** helm with its own empty config, cache and data, and no Docker login: nothing from the machine leaks in. */
async function helm(args: string[], home = mkdtempSync(join(tmpdir(), 'kcc-helm-home-'))): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    DOCKER_CONFIG: join(home, 'docker'),
    HELM_REPOSITORY_CONFIG: join(home, 'config', 'repositories.yaml'),
  };
  const { stdout, stderr } = await promisify(execFile)(helmBinary(), args, { env });
  return stdout + stderr;
}

let repository: LoopbackServer;
let registry: OciRegistry;
const archives = new Map<string, Buffer>();

beforeAll(async () => {
  for (const version of ['1.2.3', '1.3.0', '2.0.0']) archives.set(`sub-${version}`, await chartArchive('sub', version));
  archives.set('other-0.5.0', await chartArchive('other', '0.5.0'));
  const files = new Map<string, Buffer | string>();
  for (const [name, bytes] of archives) files.set(`/charts/${name}.tgz`, bytes);
  repository = await startChartRepository(files);
  files.set('/index.yaml', indexYaml([
    ...['1.2.3', '1.3.0', '2.0.0'].map((version) => ({ name: 'sub', version, url: `charts/sub-${version}.tgz`, digest: sha256(archives.get(`sub-${version}`)!) })),
    { name: 'other', version: '0.5.0', url: `${repository.url}/charts/other-0.5.0.tgz` },
  ]));
  registry = await startOciRegistry();
  for (const version of ['0.1.0', '0.2.0', '1.0.0']) registry.push('oci-charts/ocisub', 'ocisub', version, await chartArchive('ocisub', version));
});
afterAll(async () => {
  await repository.close();
  await registry.close();
});

/** A parent using what real charts use: ranges with "<" and ">", alias, condition, tags, import-values, file:// and charts/. */
function parentChart(): string {
  const library = writeChart({
    'Chart.yaml': 'apiVersion: v2\nname: lib\nversion: 3.1.0\ntype: library\n',
    'templates/_x.tpl': '{{- define "lib.x" -}}x{{- end -}}\n',
    '.helmignore': '# left out of the package\n*.md\nscratch/\n',
    'README.md': 'ignored',
    'scratch/notes.txt': 'ignored',
    'files/kept.txt': 'kept',
  });
  return writeChart({
    'Chart.yaml': [
      'apiVersion: v2',
      'name: parent',
      'version: 0.1.0',
      'dependencies:',
      '- name: sub',
      '  version: ^1.2.0',
      `  repository: ${repository.url}`,
      '  alias: first',
      '  condition: first.enabled,global.subs',
      '  tags: [backend, cache]',
      '  import-values:',
      '  - child: exports.data',
      '    parent: imported',
      '  - defaults',
      '- name: sub',
      '  version: "~2.0"',
      `  repository: ${repository.url}/`,
      '  alias: second',
      '- name: other',
      '  version: ">=0.1.0 <1.0.0 || >=5.0.0"',
      `  repository: ${repository.url}`,
      '- name: lib',
      '  version: 3.x',
      `  repository: file://${library}`,
      '- name: vendored',
      '  version: ^1.0.0',
      '',
    ].join('\n'),
    'charts/vendored/Chart.yaml': 'apiVersion: v2\nname: vendored\nversion: 1.1.0\n',
  });
}

function withoutGenerated(lock: string): string {
  return lock.replace(/^generated: .*$/m, 'generated: <time>');
}

describe('kcc chart dependency update writes what helm dependency update writes', () => {
  it('the same Chart.lock (but the time) and the same archives, from a chart repository', async () => {
    const ours = parentChart();
    const theirs = join(mkdtempSync(join(tmpdir(), 'kcc-helm-')), 'parent');
    cpSync(ours, theirs, { recursive: true });
    await helm(['dependency', 'update', theirs]);
    await updateDependencies(ours);
    expect(withoutGenerated(readFileSync(join(ours, 'Chart.lock'), 'utf8'))).toBe(withoutGenerated(readFileSync(join(theirs, 'Chart.lock'), 'utf8')));
    expect(readdirSync(join(ours, 'charts')).sort()).toEqual(readdirSync(join(theirs, 'charts')).sort());
    for (const file of ['sub-1.3.0.tgz', 'sub-2.0.0.tgz', 'other-0.5.0.tgz']) {
      expect(readFileSync(join(ours, 'charts', file)).equals(readFileSync(join(theirs, 'charts', file))), file).toBe(true);
    }
    // file:// charts are packed by each tool (Helm's archive carries timestamps): same files inside.
    const listing = (archive: string) => execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
    expect(listing(join(ours, 'charts/lib-3.1.0.tgz'))).toEqual(listing(join(theirs, 'charts/lib-3.1.0.tgz')));
    const content = (archive: string) => execFileSync('tar', ['-xzOf', archive, 'lib/templates/_x.tpl'], { encoding: 'utf8' });
    expect(content(join(ours, 'charts/lib-3.1.0.tgz'))).toBe(content(join(theirs, 'charts/lib-3.1.0.tgz')));
  });

  it('the same Chart.lock for a "@name" repository added with a login (helm repo add), which kcc reads from Helm\'s config', async () => {
    const files = new Map<string, Buffer | string>([['/sub-1.2.3.tgz', archives.get('sub-1.2.3')!]]);
    files.set('/index.yaml', indexYaml([{ name: 'sub', version: '1.2.3', url: 'sub-1.2.3.tgz' }]));
    const guarded = await startChartRepository(files, { username: 'team', password: 'pw' });
    const saved = process.env.HELM_REPOSITORY_CONFIG;
    try {
      const home = mkdtempSync(join(tmpdir(), 'kcc-helm-home-'));
      await helm(['repo', 'add', 'private', guarded.url, '--username', 'team', '--password', 'pw'], home);
      const ours = writeChart({
        'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.x\n  repository: "@private"\n- name: sub\n  version: 1.2.3\n  repository: ${guarded.url}/\n  alias: again\n`,
      });
      const theirs = join(mkdtempSync(join(tmpdir(), 'kcc-helm-')), 'parent');
      cpSync(ours, theirs, { recursive: true });
      await helm(['dependency', 'update', theirs], home);
      process.env.HELM_REPOSITORY_CONFIG = join(home, 'config', 'repositories.yaml');
      await updateDependencies(ours);
      expect(withoutGenerated(readFileSync(join(ours, 'Chart.lock'), 'utf8'))).toBe(withoutGenerated(readFileSync(join(theirs, 'Chart.lock'), 'utf8')));
      expect(readFileSync(join(ours, 'Chart.lock'), 'utf8')).toContain(`repository: ${guarded.url}\n`);
      expect(readdirSync(join(ours, 'charts'))).toEqual(['sub-1.2.3.tgz']);
    } finally {
      if (saved === undefined) delete process.env.HELM_REPOSITORY_CONFIG;
      else process.env.HELM_REPOSITORY_CONFIG = saved;
      await guarded.close();
    }
  });

  it('the same Chart.lock and archive from an OCI registry (helm --plain-http against the loopback registry)', async () => {
    const ours = writeChart({
      'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: ocisub\n  version: ">=0.1.0 <1.0.0"\n  repository: oci://${registry.host}/oci-charts\n- name: ocisub\n  version: 1.0.0\n  repository: oci://${registry.host}/oci-charts\n  alias: pinned\n`,
    });
    const theirs = join(mkdtempSync(join(tmpdir(), 'kcc-helm-')), 'parent');
    cpSync(ours, theirs, { recursive: true });
    await helm(['dependency', 'update', theirs, '--plain-http']);
    await updateDependencies(ours, { plainHttp: true });
    expect(withoutGenerated(readFileSync(join(ours, 'Chart.lock'), 'utf8'))).toBe(withoutGenerated(readFileSync(join(theirs, 'Chart.lock'), 'utf8')));
    expect(readdirSync(join(ours, 'charts')).sort()).toEqual(readdirSync(join(theirs, 'charts')).sort());
    for (const file of readdirSync(join(theirs, 'charts'))) {
      expect(readFileSync(join(ours, 'charts', file)).equals(readFileSync(join(theirs, 'charts', file))), file).toBe(true);
    }
  });
});
