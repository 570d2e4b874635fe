import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePki } from '../../../../src/cluster/local/pki.js';
import { pkiPaths, type PkiPaths } from '../../../../src/cluster/local/pki-paths.js';
import { updateDependencies } from '../../../../src/chart/repository/dependency-manager.js';
import { isKccError, type KccError } from '../../../../src/core/errors.js';
import { writeChart } from '../chart-fixture.js';
import { chartArchive, indexYaml, startChartRepository, type LoopbackServer } from './loopback-servers.js';

// A chart repository on HTTPS with a certificate for 127.0.0.1 from a private CA (kcc's own PKI code).
let repository: LoopbackServer;
let pki: PkiPaths;
beforeAll(async () => {
  pki = pkiPaths(mkdtempSync(join(tmpdir(), 'kcc-tls-')));
  await generatePki(pki, '10.0.0.1');
  const files = new Map<string, Buffer | string>([['/sub-1.0.0.tgz', await chartArchive('sub', '1.0.0')]]);
  files.set('/index.yaml', indexYaml([{ name: 'sub', version: '1.0.0', url: 'sub-1.0.0.tgz' }]));
  repository = await startChartRepository(files, undefined, { cert: readFileSync(pki.apiserverCert), key: readFileSync(pki.apiserverKey) });
});
afterAll(() => repository.close());

const chart = () => writeChart({ 'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.0.0\n  repository: ${repository.url}\n` });

describe('HTTPS chart repositories (--ca-file, --insecure-skip-tls-verify)', () => {
  it('refuses a certificate from an unknown CA and says which flag helps', async () => {
    const error = await updateDependencies(chart()).then(() => undefined, (caught: unknown) => caught);
    expect(isKccError(error)).toBe(true);
    expect((error as KccError).message).toMatch(/^cannot reach https:\/\/127\.0\.0\.1:\d+: .*(certificate|self-signed|issuer)/i);
    expect((error as KccError).hint).toContain('--ca-file');
  });

  it('trusts the server with --ca-file, or without checking with --insecure-skip-tls-verify', async () => {
    const withCa = chart();
    await updateDependencies(withCa, { caFile: pki.caCert });
    expect(readdirSync(join(withCa, 'charts'))).toEqual(['sub-1.0.0.tgz']);
    const insecure = chart();
    await updateDependencies(insecure, { insecureSkipTlsVerify: true });
    expect(readdirSync(join(insecure, 'charts'))).toEqual(['sub-1.0.0.tgz']);
    const missingCa = await updateDependencies(chart(), { caFile: join(pki.dir, 'absent.crt') }).then(() => undefined, (caught: unknown) => caught);
    expect((missingCa as KccError).message).toMatch(/^cannot read --ca-file .*absent\.crt/);
  });
});
