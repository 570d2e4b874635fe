import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI (needs `npm run build`): the fast path and oclif must look the same to a user.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function kcc(...args: string[]) {
  return spawnSync(process.execPath, ['bin/kcc.js', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

describe('the CLI start-up fast path', () => {
  it('renders the same manifests as the library and reports input errors without a stack', () => {
    const ok = kcc('template', 'charts/webapp', '--name', 'shop', '--set', 'replicas=2');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^kind: Deployment$/m);
    expect(ok.stdout).toMatch(/^ {2}replicas: 2$/m);

    const bad = kcc('template', 'charts/does-not-exist');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*does-not-exist.*Chart\.yaml/);
    expect(bad.stderr).not.toMatch(/^\s+at /m);
  });

  it('template from its bundle prints exactly what the unbundled modules print, errors included', () => {
    const viaModules = (args: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { runCommandLine } = await import('./dist/cli/run-command-line.js'); const { templateSpec } = await import('./dist/cli/specs/template.js'); const { runTemplate } = await import('./dist/cli/run/template.js'); await runCommandLine(templateSpec, runTemplate, ${JSON.stringify(args)});`], { cwd: root, encoding: 'utf8' });
    for (const args of [['charts/webapp', '--set', 'replicaCount=3', '--name', 'shop'], ['charts/redis', '--set', 'auth.password=x'], ['charts/webapp', '--set', 'replicaCount=many']]) {
      const bundled = kcc('template', ...args);
      const modules = viaModules(args);
      expect(bundled.stdout).toBe(modules.stdout);
      expect(bundled.stderr).toBe(modules.stderr);
      expect(bundled.status).toBe(modules.status ?? 0);
    }
    expect(kcc('template', 'charts/webapp', '--set', 'replicaCount=many').status).toBe(1);
  });

  it('validate from its bundle reports exactly what the unbundled modules report', () => {
    const viaModules = (args: string[]) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', `const { runCommandLine } = await import('./dist/cli/run-command-line.js'); const { validateSpec } = await import('./dist/cli/specs/validate.js'); const { runValidate } = await import('./dist/cli/run/validate.js'); await runCommandLine(validateSpec, runValidate, ${JSON.stringify(args)});`], { cwd: root, encoding: 'utf8' });
    for (const args of [['test/fixtures/validate'], ['test/fixtures/validate', '-o', 'json'], ['test/fixtures/validate/valid-app.yaml', '--strict']]) {
      const bundled = kcc('validate', ...args);
      const modules = viaModules(args);
      expect(bundled.stdout).toBe(modules.stdout);
      expect(bundled.stderr).toBe(modules.stderr);
      expect(bundled.status).toBe(modules.status ?? 0);
    }
    expect(kcc('validate', 'test/fixtures/validate').status).toBe(1);
  });

  it('prints the version without oclif, in every output format oclif offered', () => {
    const text = kcc('version');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^kcc \d+\.\d+\.\d+ \(Kubernetes v1\.\d+\.\d+\)\n$/);
    expect(JSON.parse(kcc('version', '-o', 'json').stdout)).toMatchObject({ kcc: expect.any(String), kubernetes: expect.stringMatching(/^v1\./) });
    expect(kcc('version', '--output', 'xml').status).toBe(2);
  });

  it('leaves flag errors and help to oclif', () => {
    const unknown = kcc('template', 'charts/webapp', '--bogus');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Nonexistent flag: --bogus/);
    const help = kcc('synth', '--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^USAGE/m);
    expect(help.stdout).toMatch(/--\[no-\]validate/);
  });

  it('stops quietly when the reader closes the pipe early (kcc template ... | head)', async () => {
    // Output far larger than a pipe's buffer, so the writer is still writing when the pipe closes.
    const values = join(mkdtempSync(join(tmpdir(), 'kcc-pipe-')), 'values.yaml');
    writeFileSync(values, `apps:\n${Array.from({ length: 2000 }, (_, i) => `  - name: app-${i}\n    image: app:${i}\n    port: 8080\n`).join('')}`);
    const child = spawn(process.execPath, ['bin/kcc.js', 'template', 'bench/chart/charts/kcc-apps', '-f', values], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(code).toBe(0);
  });
});
