import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectManifestFiles, MAX_MANIFEST_BYTES, readManifestFile } from '../../../src/schema/manifest-files.js';
import { readManifestPaths } from '../../../src/schema/read-manifests.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kcc-manifest-files-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectManifestFiles', () => {
  it('walks directories for manifests and says what it skipped', async () => {
    await mkdir(join(dir, '.github', 'release'), { recursive: true });
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, '.github', 'release', 'svc.yaml'), CONFIG_MAP);
    await writeFile(join(dir, 'app.yaml'), CONFIG_MAP);
    await writeFile(join(dir, 'README.md'), '# app\n');
    const found = await collectManifestFiles([dir]);
    expect(found.files).toEqual([join(dir, 'app.yaml')]);
    expect(found.skipped).toEqual([
      { path: join(dir, '.github'), reason: 'hidden' },
      { path: join(dir, 'README.md'), reason: 'not a manifest' },
      { path: join(dir, 'node_modules'), reason: 'node_modules' },
    ]);
  });

  it('reads a hidden directory when it is named', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github', 'svc.yaml'), CONFIG_MAP);
    expect((await collectManifestFiles([join(dir, '.github')])).files).toEqual([join(dir, '.github', 'svc.yaml')]);
  });
});

describe('readManifestFile and bad input', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const big = join(dir, 'big.yaml');
    await writeFile(big, '');
    await truncate(big, MAX_MANIFEST_BYTES + 1);
    expect(readManifestFile(big)).toMatchObject({ problem: 'file is 10.0 MiB: larger than the 10.0 MiB kcc reads' });
  });

  it('refuses binary content and invalid UTF-8, accepts UTF-8 text', async () => {
    await writeFile(join(dir, 'nul.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0x62]));
    await writeFile(join(dir, 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    await writeFile(join(dir, 'utf8.yaml'), 'a: é\n');
    expect(readManifestFile(join(dir, 'nul.yaml'))).toMatchObject({ problem: 'binary file, not YAML or JSON text: not read' });
    expect(readManifestFile(join(dir, 'latin1.yaml'))).toMatchObject({ problem: 'binary file, not YAML or JSON text: not read' });
    expect(readManifestFile(join(dir, 'utf8.yaml'))).toEqual({ text: 'a: é\n' });
  });

  it('gives one bounded error per bad file and still reads the others', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
    ].join('\n');
    await writeFile(join(dir, 'bomb.yaml'), `${CONFIG_MAP}data:\n${bomb.replace(/^/gm, '  ')}\n`);
    await writeFile(join(dir, 'deep.yaml'), `${CONFIG_MAP}x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    await writeFile(join(dir, 'binary.yaml'), Buffer.from([0, 1, 2, 3]));
    await writeFile(join(dir, 'good.yaml'), CONFIG_MAP);
    const read = await readManifestPaths([dir]);
    expect(read.objects.map((o) => o.source.file)).toEqual([join(dir, 'good.yaml')]);
    const perFile = read.issues.map((i) => [i.location.file.slice(dir.length + 1), i.severity, i.message]);
    expect(perFile).toEqual([
      ['binary.yaml', 'error', 'binary file, not YAML or JSON text: not read'],
      ['bomb.yaml', 'error', 'YAML: Excessive alias count indicates a resource exhaustion attack'],
      ['deep.yaml', 'error', 'YAML: nested too deeply to read'],
    ]);
  });
});
