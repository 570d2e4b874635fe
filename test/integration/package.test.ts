import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packKcc } from '../helpers/pack-kcc.js';

// What `npm install -g` of the packed tarball gives a user: a working kcc, its oclif manifest
// (so a command loads only itself), the LICENSE, and no source maps pointing at sources not shipped.

const run = promisify(execFile);

describe('the npm package', () => {
  it('installs globally from the packed tarball and runs', { timeout: 600_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'kcc-pack-'));
    const { tarball, files } = await packKcc(work);
    expect(files).toContain('oclif.manifest.json');
    expect(files).toContain('LICENSE');
    expect(files).toContain('bin/kcc.js');
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.some((f) => f.startsWith('src/'))).toBe(false);

    const prefix = join(work, 'prefix');
    await run('npm', ['install', '-g', '--prefix', prefix, tarball, '--no-audit', '--no-fund', '--prefer-offline'], { maxBuffer: 64 * 1024 * 1024 });
    const kcc = (args: string[], cwd = work) => run(join(prefix, 'bin', 'kcc'), args, { cwd, env: { ...process.env, CI: 'true', KCC_CACHE_DIR: join(work, 'cache') } });

    expect((await kcc(['version'])).stdout).toMatch(/0\.1\.0/);
    expect((await kcc(['--help'])).stdout).toMatch(/apply[\s\S]*synth/);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: fast}\n');
    writeFileSync(join(app, 'kustomization.yaml'), 'resources: [cm.yaml]\nnamePrefix: dev-\n');
    expect((await kcc(['validate', join(app, 'cm.yaml')])).stderr).not.toMatch(/error/);
    expect((await kcc(['build', app])).stdout).toContain('name: dev-settings');
    const typo = await kcc(['synht']).catch((error: { code: number; stderr: string }) => error);
    expect(typo).toMatchObject({ code: 2 });
    expect((typo as { stderr: string }).stderr).toContain('did you mean "kcc synth"');
  });
});
