import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kccVersions, writeStarter } from '../../../src/project/starter.js';
import { findProjectTsconfig } from '../../../src/project/typecheck.js';

describe('kcc init (starter project)', () => {
  it('writes a Node project depending on the running kcc, with a strict NodeNext tsconfig', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-starter-'));
    const files = writeStarter({ dir, name: 'Shop Front' });
    expect(files).toEqual(expect.arrayContaining(['package.json', 'tsconfig.json', '.gitignore', 'README.md', 'kcc.yaml', 'main.ts']));
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const versions = kccVersions();
    expect(pkg).toMatchObject({ name: 'shop-front', type: 'module', dependencies: { kcc: `^${versions.kcc}` }, devDependencies: { typescript: versions.typescript } });
    const tsconfig = JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
    expect(readFileSync(join(dir, 'kcc.yaml'), 'utf8')).toContain('$schema=node_modules/kcc/schemas/kcc.schema.json');
  });

  it('refuses to overwrite existing files, listing them, unless forced', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-starter-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"mine"}');
    writeFileSync(join(dir, 'main.ts'), '// mine');
    expect(() => writeStarter({ dir })).toThrow(/2 files of the starter already exist in .*: package\.json, main\.ts/);
    expect(readFileSync(join(dir, 'package.json'), 'utf8')).toBe('{"name":"mine"}');
    writeStarter({ dir, force: true });
    expect(readFileSync(join(dir, 'main.ts'), 'utf8')).toContain("from 'kcc'");
  });
});

describe('--typecheck finds the project tsconfig.json', () => {
  it('takes the nearest one up to the project root, never beyond it', () => {
    const root = mkdtempSync(join(tmpdir(), 'kcc-tsconfig-'));
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    const project = join(root, 'project');
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    expect(findProjectTsconfig(join(project, 'src', 'main.ts'))).toBeUndefined();
    writeFileSync(join(project, 'tsconfig.json'), '{}');
    expect(findProjectTsconfig(join(project, 'src', 'main.ts'))).toBe(join(project, 'tsconfig.json'));
  });
});
