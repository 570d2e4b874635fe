import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKcc } from '../../helpers/run-kcc.js';
import { widgetCrd } from '../../helpers/widget-crd.js';


describe('kcc validate on plain YAML knows the kinds kcc import generated', () => {
  it('from ./imports by default, or --imports DIR from elsewhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-validate-imports-'));
    writeFileSync(join(dir, 'crd.yaml'), widgetCrd());
    writeFileSync(join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n');
    expect((await runKcc(['import', 'crd.yaml'], { cwd: dir })).code).toBe(0);

    const inProject = await runKcc(['validate', 'widget.yaml'], { cwd: dir });
    expect(inProject.code).toBe(1);
    expect(inProject.stdout).toContain('widget.yaml:6:9: error: Widget/w: spec.size: must be integer');

    const outside = await runKcc(['validate', join(dir, 'widget.yaml')], { cwd: tmpdir() });
    expect(outside.code).toBe(0);
    expect(outside.stdout).toContain('no schema for Widget');

    const named = await runKcc(['validate', join(dir, 'widget.yaml'), '--imports', join(dir, 'imports')], { cwd: tmpdir() });
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('spec.size: must be integer');
  });
});
