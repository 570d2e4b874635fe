import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { packKcc, repoRoot } from '../helpers/pack-kcc.js';

// What a new user does: `kcc init` in an empty directory, install kcc (here the packed tarball,
// its dependencies from the npm cache), and synthesize with a full type check. Then the project
// imports CRDs (read in place from the corpus) and uses them, type-checked against the installed kcc.

const run = promisify(execFile);
// The CRD corpus beside the repository (../shared/corpus/crds), read in place.
const CERT_MANAGER_CRDS = fileURLToPath(new URL('../../../shared/corpus/crds/cert-manager', import.meta.url));

type Failure = { code: number; stdout: string; stderr: string };

describe('kcc init', () => {
  it('makes a project that installs from the packed kcc and synthesizes with --typecheck', { timeout: 900_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), 'kcc-init-'));
    const { tarball } = await packKcc(work);
    const project = join(work, 'shop');
    mkdirSync(project);
    const env = { ...process.env, CI: 'true', KCC_CACHE_DIR: join(work, 'cache') };

    await run(process.execPath, [join(repoRoot, 'bin', 'kcc.js'), 'init', '--name', 'shop'], { cwd: project, env });
    for (const file of ['package.json', 'tsconfig.json', '.gitignore', 'README.md', 'kcc.yaml', 'main.ts']) expect(existsSync(join(project, file)), file).toBe(true);
    const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const kccVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(pkg.dependencies.kcc).toBe(`^${kccVersion}`);

    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, env, maxBuffer: 64 * 1024 * 1024 });
    const npx = (args: string[]) => run('npx', ['--no-install', 'kcc', ...args], { cwd: project, env, maxBuffer: 64 * 1024 * 1024 });

    const synth = await npx(['synth', '--typecheck']);
    expect(synth.stdout + synth.stderr).toMatch(/wrote \d+ objects to dist/);
    const objects = parseAllDocuments(readFileSync(join(project, 'dist', 'shop.k8s.yaml'), 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string } });
    expect(objects.map((o) => o.kind).sort()).toEqual(['Deployment', 'Service']);
    expect(objects.every((o) => o.metadata.namespace === 'shop-dev')).toBe(true);

    // The project's tsconfig.json rules the check: a stricter setting there is honoured.
    const tsconfigPath = join(project, 'tsconfig.json');
    const tsconfig = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as { compilerOptions: Record<string, unknown> };
    writeFileSync(tsconfigPath, JSON.stringify({ ...tsconfig, compilerOptions: { ...tsconfig.compilerOptions, noUnusedLocals: true } }));
    appendFileSync(join(project, 'main.ts'), 'const leftOver = 1;\n');
    const unused = (await npx(['synth', '--typecheck']).catch((error: Failure) => error)) as Failure;
    expect(unused.code).toBe(1);
    expect(unused.stderr).toMatch(/main\.ts:\d+:7: TS6133: 'leftOver' is declared but its value is never read/);
    writeFileSync(tsconfigPath, JSON.stringify(tsconfig));

    // Custom resources: import CRDs, use the generated class; the installed kcc type-checks and validates it.
    await npx(['import', CERT_MANAGER_CRDS]);
    writeFileSync(
      join(project, 'certificate.ts'),
      [
        "import { Chart } from 'kcc';",
        "import { Certificate } from './imports/cert-manager.io-v1.js';",
        'export function addCertificate(chart: Chart, renewBefore: string): void {',
        "  new Certificate(chart, 'tls', { metadata: { name: 'web-tls' }, spec: { secretName: 'web-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' }, renewBefore } });",
        '}',
        '',
      ].join('\n'),
    );
    const main = readFileSync(join(project, 'main.ts'), 'utf8').replace('const leftOver = 1;\n', '');
    writeFileSync(join(project, 'main.ts'), `import { addCertificate } from './certificate.js';\n${main}addCertificate(chart, '360h');\n`);
    await npx(['synth', '--typecheck']);
    const certificate = parseAllDocuments(readFileSync(join(project, 'dist', 'shop.k8s.yaml'), 'utf8')).map((d) => d.toJS()).find((o) => o.kind === 'Certificate');
    expect(certificate).toMatchObject({ apiVersion: 'cert-manager.io/v1', metadata: { name: 'web-tls', namespace: 'shop-dev' }, spec: { renewBefore: '360h' } });

    // A misspelt field of the custom resource is a type error at its line, with the right name.
    writeFileSync(join(project, 'certificate.ts'), readFileSync(join(project, 'certificate.ts'), 'utf8').replace('renewBefore }', 'renewBefor: renewBefore }'));
    const misspelt = (await npx(['synth', '--typecheck']).catch((error: Failure) => error)) as Failure;
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toMatch(/certificate\.ts:4:\d+: TS2561: .*'renewBefor'.*Did you mean to write 'renewBefore'\?/s);
  });
});
