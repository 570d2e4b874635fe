import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChallenge, parseOciReference } from '../../../../src/chart/repository/oci-registry.js';
import { pullChart } from '../../../../src/chart/repository/pull-chart.js';
import { updateDependencies } from '../../../../src/chart/repository/dependency-manager.js';
import { isKccError, type KccError } from '../../../../src/core/errors.js';
import { writeChart } from '../chart-fixture.js';
import { chartArchive, startOciRegistry, type OciRegistry } from './loopback-servers.js';

let registry: OciRegistry;
const archives = new Map<string, Buffer>();

beforeAll(async () => {
  registry = await startOciRegistry();
  for (const version of ['0.9.0', '1.0.0', '1.1.0', '1.2.0+build.7', '2.0.0-beta.1']) {
    const archive = await chartArchive('app', version);
    archives.set(version, archive);
    registry.push('charts/app', 'app', version, archive);
  }
  registry.push('images/not-a-chart', 'not-a-chart', '1.0.0', Buffer.from('x'), 'application/vnd.oci.image.config.v1+json');
});
afterAll(() => registry.close());

async function failure(promise: Promise<unknown>): Promise<KccError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(isKccError(error), String(error)).toBe(true);
  return error as KccError;
}

describe('OCI references and challenges', () => {
  it('splits host, repository, tag and digest', () => {
    expect(parseOciReference('oci://127.0.0.1:5000/charts/app:1.0.0')).toEqual({ host: '127.0.0.1:5000', repository: 'charts/app', tag: '1.0.0', digest: undefined });
    expect(parseOciReference('oci://ghcr.io/org/app@sha256:abc')).toEqual({ host: 'ghcr.io', repository: 'org/app', tag: undefined, digest: 'sha256:abc' });
    expect(parseOciReference('oci://ghcr.io/org/app')).toMatchObject({ repository: 'org/app', tag: undefined });
    expect(() => parseOciReference('oci://ghcr.io/Org/App')).toThrow(/not a valid OCI repository name/);
    expect(() => parseOciReference('https://ghcr.io/org/app')).toThrow(/not an OCI reference/);
  });

  it('reads Bearer and Basic challenges', () => {
    expect(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' },
    });
    expect(parseChallenge('Basic realm="x"')).toEqual({ scheme: 'basic', params: { realm: 'x' } });
    expect(parseChallenge('Negotiate')).toBeUndefined();
  });
});

describe('kcc chart pull from an OCI registry', () => {
  it('resolves a range through the tag list ("_" read as "+"), fetches an anonymous token and checks digests', async () => {
    const destination = mkdtempSync(join(tmpdir(), 'kcc-pull-'));
    const before = registry.issued.length;
    const result = await pullChart(`oci://${registry.host}/charts/app`, { version: '^1.0.0', plainHttp: true, destination, registryConfig: join(destination, 'none.json') });
    expect(result.version).toBe('1.2.0+build.7');
    expect(result.path).toBe(join(destination, 'app-1.2.0+build.7.tgz'));
    expect(readFileSync(result.path).equals(archives.get('1.2.0+build.7')!)).toBe(true);
    expect(registry.issued.slice(before)).toEqual([{ scope: 'repository:charts/app:pull', login: 'anonymous' }]);
    expect(registry.requests.some((request) => request.path === '/v2/charts/app/manifests/1.2.0_build.7')).toBe(true);
  });

  it('pulls the newest release without a version, an exact tag, and unpacks with --untar', async () => {
    const destination = mkdtempSync(join(tmpdir(), 'kcc-pull-'));
    expect((await pullChart(`oci://${registry.host}/charts/app`, { plainHttp: true, destination })).version).toBe('1.2.0+build.7');
    expect((await pullChart(`oci://${registry.host}/charts/app:0.9.0`, { plainHttp: true, destination })).path).toBe(join(destination, 'app-0.9.0.tgz'));
    expect((await pullChart(`oci://${registry.host}/charts/app`, { plainHttp: true, destination, devel: true })).version).toBe('2.0.0-beta.1');
    const untarred = await pullChart(`oci://${registry.host}/charts/app`, { version: '1.0.0', plainHttp: true, destination: join(destination, 'out'), untar: true });
    expect(untarred.path).toBe(join(destination, 'out', 'app'));
    expect(readFileSync(join(untarred.path, 'Chart.yaml'), 'utf8')).toContain('version: 1.0.0');
    const again = await failure(pullChart(`oci://${registry.host}/charts/app`, { version: '1.0.0', plainHttp: true, destination: join(destination, 'out'), untar: true }));
    expect(again.message).toBe(`${join(destination, 'out', 'app')} already exists`);
  });

  it('refuses an artifact that is not a Helm chart, and names missing tags', async () => {
    const wrongType = await failure(pullChart(`oci://${registry.host}/images/not-a-chart:1.0.0`, { plainHttp: true, destination: tmpdir() }));
    expect(wrongType.message).toContain('is not a Helm chart: its config media type is application/vnd.oci.image.config.v1+json');
    const noTag = await failure(pullChart(`oci://${registry.host}/charts/app`, { version: '^3.0.0', plainHttp: true, destination: tmpdir() }));
    expect(noTag.message).toBe(`no tag of oci://${registry.host}/charts/app satisfies "^3.0.0"`);
    expect(noTag.hint).toContain('1.2.0+build.7');
    const missing = await failure(pullChart(`oci://${registry.host}/charts/app:7.0.0`, { plainHttp: true, destination: tmpdir() }));
    expect(missing.message).toMatch(/cannot read the manifest of .*app:7\.0\.0: .* answered 404/);
  });
});

describe('registry logins', () => {
  it('reads the login from a Docker config.json only when asked, and sends it to the token realm', async () => {
    const private_ = await startOciRegistry({ login: { username: 'robot', password: 's3cret' } });
    try {
      private_.push('team/app', 'app', '1.0.0', archives.get('1.0.0')!);
      const home = mkdtempSync(join(tmpdir(), 'kcc-docker-'));
      const noLogin = await failure(pullChart(`oci://${private_.host}/team/app:1.0.0`, { plainHttp: true, destination: home, registryConfig: join(home, 'absent.json') }));
      expect(noLogin.message).toMatch(/cannot get a registry token \(anonymously\): .* answered 401/);
      expect(noLogin.hint).toContain('--username/--password');
      const config = join(home, 'config.json');
      writeFileSync(config, JSON.stringify({ auths: { [private_.host]: { auth: Buffer.from('robot:s3cret').toString('base64') } } }));
      const pulled = await pullChart(`oci://${private_.host}/team/app:1.0.0`, { plainHttp: true, destination: home, registryConfig: config });
      expect(pulled.version).toBe('1.0.0');
      expect(private_.issued).toEqual([{ scope: 'repository:team/app:pull', login: 'basic' }]);
      const flags = await pullChart(`oci://${private_.host}/team/app:1.0.0`, { plainHttp: true, destination: join(home, 'f'), username: 'robot', password: 's3cret', registryConfig: join(home, 'absent.json') });
      expect(flags.version).toBe('1.0.0');
    } finally {
      await private_.close();
    }
  });

  it('answers a Basic challenge with the login', async () => {
    const basic = await startOciRegistry({ login: { username: 'u', password: 'p' }, scheme: 'basic' });
    try {
      basic.push('charts/app', 'app', '1.1.0', archives.get('1.1.0')!);
      const destination = mkdtempSync(join(tmpdir(), 'kcc-pull-'));
      const result = await pullChart(`oci://${basic.host}/charts/app`, { version: '1.x', plainHttp: true, destination, username: 'u', password: 'p' });
      expect(result.version).toBe('1.1.0');
      expect(basic.requests.filter((request) => request.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`).length).toBeGreaterThan(0);
    } finally {
      await basic.close();
    }
  });
});

describe('kcc chart dependency update from an OCI registry', () => {
  it('locks the newest tag a range allows and saves <name>-<version>.tgz', async () => {
    const dir = writeChart({
      'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: app\n  version: ~1.0.0\n  repository: oci://${registry.host}/charts\n  alias: web\n`,
    });
    const result = await updateDependencies(dir, { plainHttp: true, now: new Date('2026-12-03T10:00:00Z') });
    expect(result.lock.dependencies).toEqual([{ name: 'app', version: '1.0.0', repository: `oci://${registry.host}/charts` }]);
    expect(readdirSync(join(dir, 'charts'))).toEqual(['app-1.0.0.tgz']);
    expect(readFileSync(join(dir, 'charts/app-1.0.0.tgz')).equals(archives.get('1.0.0')!)).toBe(true);
  });
});
