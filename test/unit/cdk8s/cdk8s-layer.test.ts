import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as real from 'cdk8s';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import * as ours from '../../../src/cdk8s/index.js';
import { synthesizeApp } from '../../../src/core/synthesize.js';
import { runKcc } from '../../helpers/run-kcc.js';

describe('the cdk8s layer (kcc/cdk8s)', () => {
  it('exports every name the real cdk8s exports', () => {
    expect(Object.keys(real).filter((name) => !(name in ours))).toEqual([]);
  });

  it('renders an ApiObject as cdk8s does: Lazy values, implicit tokens, number/string unions, patches', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same code against both libraries
    const build = (lib: any) => {
      const chart = lib.Testing.chart();
      const later = { replicas: 1 };
      const object = new lib.ApiObject(chart, 'object', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { annotations: { empty: '' }, finalizers: [] },
        spec: { replicas: lib.Lazy.any({ produce: () => later.replicas }), port: { value: 8080, constructor: undefined }, token: { resolve: () => 'resolved' }, drop: undefined },
      });
      later.replicas = 4;
      object.addJsonPatch(lib.JsonPatch.add('/spec/extra', [1, 2]));
      return lib.Testing.synth(chart as never);
    };
    expect(build(ours)).toEqual(build(real));
  });

  it('has the same Duration, Size and Cron values as cdk8s', () => {
    for (const lib of [ours, real]) expect(lib.Duration.minutes(90).toIsoString()).toBe('PT1H30M');
    expect(ours.Duration.parse('PT1H2M3S').toSeconds()).toBe(real.Duration.parse('PT1H2M3S').toSeconds());
    expect(ours.Duration.millis(90061001).toHumanString()).toBe(real.Duration.millis(90061001).toHumanString());
    expect(ours.Size.gibibytes(2).asString()).toBe(real.Size.gibibytes(2).asString());
    expect(ours.Size.mebibytes(1536).toGibibytes({ rounding: ours.SizeRoundingBehavior.NONE })).toBe(1.5);
    expect(() => ours.Size.mebibytes(1536).toGibibytes()).toThrow(/whole number/);
    expect(ours.Cron.weekly().expressionString).toBe(real.Cron.weekly().expressionString);
    expect(ours.Cron.schedule({ minute: '*/5' }).expressionString).toBe('*/5 * * * *');
  });

  it('fails the synth with the messages of node.addValidation', async () => {
    const app = new ours.App();
    const chart = new ours.Chart(app, 'main');
    const group = new Construct(chart, 'group');
    group.node.addValidation({ validate: () => ['replicas must be at least 2', 'no image given'] });
    new ours.ApiObject(group, 'config', { apiVersion: 'v1', kind: 'ConfigMap' });
    await expect(synthesizeApp(app)).rejects.toThrow(/validation failed with 2 errors:\n {2}\[main\/group\] replicas must be at least 2\n {2}\[main\/group\] no image given/);
    expect(() => chart.toJson()).toThrow(/replicas must be at least 2/);
  });

  it('orders a chart by its dependencies and reports a cycle by path', () => {
    const chart = ours.Testing.chart();
    const a = new ours.ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ConfigMap' });
    const b = new ours.ApiObject(chart, 'b', { apiVersion: 'v1', kind: 'ConfigMap' });
    a.addDependency(b);
    expect(chart.toJson().map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual([b.name, a.name]);
    b.addDependency(a);
    expect(() => chart.toJson()).toThrow(/Dependency cycle detected: test\/a => test\/b => test\/a|Dependency cycle detected: test\/b => test\/a => test\/b/);
  });

  it('writes one file per chart with app.synth() outside kcc', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'kcc-cdk8s-app-'));
    const app = new ours.App({ outdir });
    new ours.ApiObject(new ours.Chart(app, 'first'), 'config', { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } });
    app.synth();
    expect(readdirSync(outdir)).toEqual(['first.k8s.yaml']);
    expect(readFileSync(join(outdir, 'first.k8s.yaml'), 'utf8')).toMatch(/name: first-config-c8[0-9a-f]{6}/);
  });
});

describe('a cdk8s program under kcc synth', () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-cdk8s-program-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return dir;
  }

  it('names an API kcc does not implement in one line (ES import)', async () => {
    const dir = project({ 'main.ts': "import { App, NotInCdk8s } from 'cdk8s';\nnew App();\nconsole.log(NotInCdk8s);\n" });
    const run = await runKcc(['synth', '-a', join(dir, 'main.ts'), '--stdout']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/cdk8s\.NotInCdk8s is not implemented by kcc's cdk8s layer/);
    expect(run.stderr).not.toMatch(/is not a function|at .*\.js:\d+/);
  });

  it('names an API kcc does not implement in one line (require from a CommonJS library)', async () => {
    const dir = project({
      'node_modules/legacy-lib/package.json': JSON.stringify({ name: 'legacy-lib', main: 'index.js' }),
      'node_modules/legacy-lib/index.js': "const cdk8s = require('cdk8s');\nexports.make = (scope) => new cdk8s.RemovedConstruct(scope, 'x');\n",
      'main.ts': "import { App, Chart } from 'cdk8s';\nimport { make } from 'legacy-lib';\nmake(new Chart(new App(), 'main'));\n",
    });
    const run = await runKcc(['synth', '-a', join(dir, 'main.ts'), '--stdout']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/cdk8s\.RemovedConstruct is not implemented by kcc's cdk8s layer/);
    expect(run.stderr).not.toMatch(/is not a constructor/);
  });

  it("runs a library's require('cdk8s') on kcc's layer, in the same construct tree", async () => {
    const dir = project({
      'node_modules/my-constructs/package.json': JSON.stringify({ name: 'my-constructs', main: 'index.js' }),
      'node_modules/my-constructs/index.js': [
        "const { ApiObject } = require('cdk8s');",
        "const { Construct } = require('constructs');",
        'class Web extends Construct {',
        "  constructor(scope, id) { super(scope, id); new ApiObject(this, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', data: { from: 'library' } }); }",
        '}',
        'exports.Web = Web;',
      ].join('\n'),
      'main.ts': "import { App, Chart } from 'cdk8s';\nimport { Web } from 'my-constructs';\nconst app = new App();\nnew Web(new Chart(app, 'main'), 'web');\napp.synth();\n",
    });
    const run = await runKcc(['synth', '-a', join(dir, 'main.ts'), '--stdout']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/name: main-web-c8[0-9a-f]{6}\n/);
    expect(run.stdout).toContain('from: library');
  });
});
