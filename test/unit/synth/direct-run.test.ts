import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `kcc synth` runs a program whose files are all transpiled already without loader hooks (the
// "direct" path of run-program.ts). Its output and its errors must be those of the hooks path.
const root = fileURLToPath(new URL('../../../', import.meta.url));

function program(files: Record<string, string>): { dir: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-direct-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, cache: join(dir, '.cache') };
}

function synth(entry: string, cache: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('node', ['bin/kcc.js', 'synth', '-a', entry, '--stdout'], { cwd: root, encoding: 'utf8', env: { ...process.env, KCC_CACHE_DIR: cache } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const directModules = (cache: string): string[] => {
  const dir = join(cache, 'programs', 'esm');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.kcc-program.mjs')) : [];
};

const helper = "import * as k8s from 'kcc/k8s';\nimport type { Chart } from 'kcc';\n\nexport function config(chart: Chart, id: string) {\n  return new k8s.ConfigMap(chart, id, { data: { mode: 'on' } });\n}\n";

describe('kcc synth without loader hooks', () => {
  it('gives the same output as the hooks path, first run and repeated, with locations in the .ts files', () => {
    const main = "import { App, Chart } from 'kcc';\nimport { config } from './helper.js';\nimport { other } from './other';\n\nconst app = new App();\nconst chart = new Chart(app, 'main');\nconfig(chart, 'a');\nother(chart);\n";
    const other = "import * as k8s from 'kcc/k8s';\nimport { config } from './helper.js';\n\nexport function other(chart: any) {\n  config(chart, 'b');\n  new k8s.ConfigMap(chart, 'c', { data: { n: 1 as any } });\n}\n";
    const direct = program({ 'main.ts': main, 'helper.ts': helper, 'other.ts': other });
    // import.meta keeps a program on the hooks path: the reference behaviour.
    const hooks = program({ 'main.ts': `${main}void import.meta;\n`, 'helper.ts': helper, 'other.ts': other });
    const first = synth(join(direct.dir, 'main.ts'), direct.cache);
    const second = synth(join(direct.dir, 'main.ts'), direct.cache);
    const reference = synth(join(hooks.dir, 'main.ts'), hooks.cache);
    expect(directModules(direct.cache)).toHaveLength(3);
    expect(directModules(hooks.cache)).toHaveLength(0);
    expect(first.status).toBe(1);
    // A validation error located at the line in other.ts that created the object.
    expect(first.stderr).toMatch(/other\.ts:6:3: ConfigMap\/main-c-[0-9a-f]{8}: data\.n: must be string/);
    expect(second).toEqual(first);
    expect(first.stderr.replaceAll(direct.dir, '')).toBe(reference.stderr.replaceAll(hooks.dir, ''));
  });

  it('picks up a changed file, and a failure before the program runs is reported as by the hooks', () => {
    const { dir, cache } = program({ 'main.ts': "import { App, Chart } from 'kcc';\nimport { config } from './helper.js';\n\nconfig(new Chart(new App(), 'main'), 'a');\n", 'helper.ts': helper });
    const before = synth(join(dir, 'main.ts'), cache);
    expect(before.status).toBe(0);
    expect(before.stdout).toMatch(/mode: "on"/);
    writeFileSync(join(dir, 'helper.ts'), helper.replace("'on'", "'off'"));
    expect(synth(join(dir, 'main.ts'), cache).stdout).toMatch(/mode: "off"/);
    writeFileSync(join(dir, 'main.ts'), "import { App, Chart, Nope } from 'kcc';\n\nnew Chart(new App(), 'main');\nconsole.log(Nope);\n");
    const missing = synth(join(dir, 'main.ts'), cache);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/The requested module 'kcc' does not provide an export named 'Nope'/);
  });
});
