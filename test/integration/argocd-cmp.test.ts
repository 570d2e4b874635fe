import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KCC_BIN, runKcc } from '../helpers/run-kcc.js';

const PLUGIN_FILE = resolve('examples/argocd/plugin.yaml');
const plugin = parse(readFileSync(PLUGIN_FILE, 'utf8'));

/** strace shows every file the generate command opens for writing; without it only the checks on disk run. */
const hasStrace = spawnSync('strace', ['-V']).status === 0;

/** Every file under `dir` with a digest of its content, to see that a run changed nothing there. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

interface Generated {
  code: number;
  stdout: string;
  stderr: string;
  /** Absolute paths the command created, opened for writing, renamed or removed (with strace). */
  written: string[];
}

/**
 * Runs plugin.yaml's generate command as the CMP server does: in the application's source
 * directory, with the sidecar's environment (here a `kcc` on PATH, a HOME and a TMPDIR), Argo CD's
 * build variables and the Application's plugin.env prefixed with ARGOCD_ENV_; stdout is the
 * manifests, stderr the log.
 */
function runGenerate(appDir: string, sidecar: { home: string; tmp: string; bin: string; trace: string }, pluginEnv: Record<string, string>): Promise<Generated> {
  const command: string[] = [...plugin.spec.generate.command, ...(plugin.spec.generate.args ?? [])];
  const env: NodeJS.ProcessEnv = {
    PATH: `${sidecar.bin}:${process.env.PATH}`,
    HOME: sidecar.home,
    TMPDIR: sidecar.tmp,
    ARGOCD_APP_NAME: 'shop-prod',
    ARGOCD_APP_NAMESPACE: 'shop-prod',
    ARGOCD_APP_REVISION: '0123456789abcdef0123456789abcdef01234567',
    ARGOCD_APP_SOURCE_PATH: 'app',
    ARGOCD_APP_SOURCE_REPO_URL: 'https://git.example.com/shop.git',
    ARGOCD_APP_SOURCE_TARGET_REVISION: 'main',
    KUBE_VERSION: '1.33',
    KUBE_API_VERSIONS: 'v1,apps/v1',
    ...Object.fromEntries(Object.entries(pluginEnv).map(([name, value]) => [`ARGOCD_ENV_${name}`, value])),
  };
  const traced = hasStrace
    ? ['strace', '-f', '-qq', '-y', '-e', 'trace=openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2,unlink,unlinkat,link,symlink,truncate', '-o', sidecar.trace, ...command]
    : command;
  return new Promise((done, fail) => {
    const child = spawn(traced[0]!, traced.slice(1), { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code: code ?? -1, stdout, stderr, written: hasStrace ? writtenPaths(readFileSync(sidecar.trace, 'utf8')) : [] }));
  });
}

/** Paths a traced process changed: writes, creates, renames (both ends), removals; failed calls excluded. */
function writtenPaths(trace: string): string[] {
  const paths = new Set<string>();
  for (const line of trace.split('\n')) {
    if (/= -1 E/.test(line)) continue;
    const call = /^\d+\s+(\w+)\((.*)\)\s+=/.exec(line);
    if (!call) continue;
    const [, name, args] = call;
    // With -y a directory descriptor reads `AT_FDCWD</cwd>` or `3</dir>`: relative names resolve against it.
    const base = /^(?:AT_FDCWD|\d+)<([^>]*)>,\s*/.exec(args!)?.[1];
    const names = [...args!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
    const opensForWrite = /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(args!);
    if ((name === 'openat' || name === 'open') && !opensForWrite) continue;
    for (const path of name!.startsWith('rename') || name === 'link' || name === 'symlink' ? names : names.slice(0, 1)) {
      paths.add(resolve(base ?? '/', path));
    }
  }
  return [...paths].filter((path) => !path.startsWith('/dev/'));
}

describe('the Argo CD Config Management Plugin (examples/argocd/plugin.yaml)', () => {
  const root = mkdtempSync(join(tmpdir(), 'kcc-cmp-'));
  // The repository checkout the CMP server extracts, and the application's source path inside it.
  const repo = join(root, 'repo');
  const appDir = join(repo, 'app');
  const sidecar = { home: join(root, 'home'), tmp: join(root, 'tmp'), bin: join(root, 'bin'), trace: join(root, 'strace.txt') };

  beforeAll(async () => {
    for (const dir of [repo, sidecar.home, sidecar.tmp, sidecar.bin]) mkdirSync(dir, { recursive: true });
    // The sidecar image has kcc on PATH (npm install -g); here it is the CLI under test.
    writeFileSync(join(sidecar.bin, 'kcc'), `#!/bin/sh\nexec "${process.execPath}" "${KCC_BIN}" "$@"\n`);
    chmodSync(join(sidecar.bin, 'kcc'), 0o755);
    const init = await runKcc(['init', 'app'], { cwd: repo, env: { HOME: sidecar.home, KCC_CACHE_DIR: join(root, 'init-cache') } });
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is discovered by the kcc.yaml in the application directory', () => {
    expect(plugin).toMatchObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'ConfigManagementPlugin', metadata: { name: 'kcc' } });
    expect(plugin.spec.discover.fileName).toBe('./kcc.yaml');
    expect(existsSync(join(appDir, plugin.spec.discover.fileName))).toBe(true);
  });

  it('ships a sidecar that follows Argo CD\'s rules for plugin containers', () => {
    const patch = parse(readFileSync(resolve('examples/argocd/repo-server-sidecar.yaml'), 'utf8'));
    const container = patch.spec.template.spec.containers.find((c: { name: string }) => c.name === 'kcc');
    expect(container.command).toEqual(['/var/run/argocd/argocd-cmp-server']);
    expect(container.securityContext.runAsUser).toBe(999);
    const mounts = Object.fromEntries(container.volumeMounts.map((m: { name: string; mountPath: string }) => [m.mountPath, m.name]));
    expect(mounts).toMatchObject({ '/var/run/argocd': 'var-files', '/home/argocd/cmp-server/plugins': 'plugins' });
    // Its own /tmp, not the repo server's, and it is where the plugin puts kcc's caches.
    expect(patch.spec.template.spec.volumes).toContainEqual({ name: mounts['/tmp'], emptyDir: {} });
    const dockerfile = readFileSync(resolve('examples/argocd/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^WORKDIR \/home\/argocd\/cmp-server\/config\/\nCOPY plugin\.yaml \.\/$/m);
    expect(dockerfile).toMatch(/^USER 999$/m);
    const application = parse(readFileSync(resolve('examples/argocd/application.yaml'), 'utf8'));
    expect(application.spec.source.plugin.name).toBe(`${plugin.metadata.name}-${plugin.spec.version}`);
  });

  it('generates the environment named by ARGOCD_ENV_KCC_ENV on stdout, writing only to the sidecar\'s /tmp', async () => {
    const before = snapshot(appDir);
    const run = await runGenerate(appDir, sidecar, { KCC_ENV: 'prod' });
    expect(run.code, run.stderr).toBe(0);

    const documents = parseAllDocuments(run.stdout);
    expect(documents.flatMap((d) => d.errors)).toEqual([]);
    const objects = documents.map((d) => d.toJS()).filter(Boolean);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([expect.stringMatching(/^ConfigMap\/web-settings-/), 'Service/web', 'Deployment/web']);
    for (const object of objects) expect(object.metadata).toMatchObject({ namespace: 'app-prod', labels: { env: 'prod' } });

    // The checkout is untouched and HOME (read-only in the sidecar) stays empty: caches went to TMPDIR.
    expect(snapshot(appDir)).toEqual(before);
    expect(readdirSync(sidecar.home)).toEqual([]);
    expect(existsSync(join(sidecar.tmp, 'kcc-cache'))).toBe(true);
    if (hasStrace) {
      expect(run.written.length).toBeGreaterThan(0);
      expect(run.written.filter((path) => !path.startsWith(`${sidecar.tmp}/`) && !path.startsWith(`${appDir}/`))).toEqual([]);
    }
  });

  it('uses kcc.yaml\'s default environment without KCC_ENV, and gives the same bytes on every run', async () => {
    const first = await runGenerate(appDir, sidecar, {});
    expect(first.code, first.stderr).toBe(0);
    const namespaces = parseAllDocuments(first.stdout).map((d) => d.toJS()?.metadata?.namespace);
    expect(new Set(namespaces)).toEqual(new Set(['app-dev']));
    // dev names a local cluster in kcc.yaml: rendering must neither start it nor write its state under HOME.
    expect(readdirSync(sidecar.home)).toEqual([]);
    // Argo CD compares renders across repo-server pods: a warm cache must not change the output.
    const second = await runGenerate(appDir, sidecar, {});
    expect(second.stdout).toBe(first.stdout);
  });

  it('fails with nothing on stdout and the reason on stderr for an unknown environment', async () => {
    const run = await runGenerate(appDir, sidecar, { KCC_ENV: 'staging' });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('staging');
  });
});
