import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeChart } from '../chart-fixture.js';
import { chartArchive, indexYaml, startChartRepository, type LoopbackServer } from './loopback-servers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Runs the built CLI (npm test builds first); resolves with the exit code and both streams. */
async function kcc(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'bin/kcc.js'), ...args], { env: { ...process.env, CI: 'true' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let repository: LoopbackServer;
beforeAll(async () => {
  const files = new Map<string, Buffer | string>([['/sub-1.0.0.tgz', await chartArchive('sub', '1.0.0')]]);
  files.set('/index.yaml', indexYaml([{ name: 'sub', version: '1.0.0', url: 'sub-1.0.0.tgz' }]));
  // Behind Basic auth: the CLI's --username/--password must reach the repository.
  repository = await startChartRepository(files, { username: 'ci', password: 'pw' });
});
afterAll(() => repository.close());

describe('kcc chart dependency and kcc chart pull (the CLI)', () => {
  it('a render names the missing dependency; update fetches it; list and template then succeed', async () => {
    const chart = writeChart({
      'Chart.yaml': `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.x\n  repository: ${repository.url}\n`,
    });
    const before = await kcc(['template', chart]);
    expect(before.code).not.toBe(0);
    expect(before.stderr).toContain(`depends on "sub" 1.x, which is not in ${chart}/charts/ (repository ${repository.url})`);
    expect(before.stderr).toContain(`kcc chart dependency update ${chart}`);

    const denied = await kcc(['chart', 'dependency', 'update', chart]);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/answered 401/);
    expect(denied.stderr).toContain('--username/--password');

    const updated = await kcc(['chart', 'dependency', 'update', chart, '--username', 'ci', '--password', 'pw', '-o', 'json']);
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ lockWritten: true, lock: { dependencies: [{ name: 'sub', version: '1.0.0', repository: repository.url }] } });
    expect(readdirSync(join(chart, 'charts'))).toEqual(['sub-1.0.0.tgz']);

    const listed = await kcc(['chart', 'dependency', 'list', chart]);
    expect(listed.stdout).toBe(`NAME  VERSION  REPOSITORY${' '.repeat(repository.url.length - 'REPOSITORY'.length)}  STATUS\nsub   1.x      ${repository.url}  ok\n`);
    const rendered = await kcc(['template', chart]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stdout).toContain('name: sub');
  });

  it('pull --untar writes the chart directory', async () => {
    const destination = writeChart({});
    const pulled = await kcc(['chart', 'pull', 'sub', '--repo', repository.url, '--username', 'ci', '--password', 'pw', '--untar', '-d', destination]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stdout).toBe(`pulled ${repository.url}/sub-1.0.0.tgz (version 1.0.0) to ${join(destination, 'sub')}\n`);
    expect(existsSync(join(destination, 'sub', 'Chart.yaml'))).toBe(true);
  });

  it('the new commands are in help and shell completion', async () => {
    const completion = await kcc(['completion', 'bash']);
    expect(completion.stdout).toMatch(/"chart"\) words="[^"]*dependency[^"]*pull/);
    expect(completion.stdout).toMatch(/"chart dependency"\) words="build list update"/);
    const help = await kcc(['chart', 'dependency', 'update', '--help']);
    expect(help.stdout).toContain('--plain-http');
    expect(help.stdout).toContain('--ca-file');
  });
});
