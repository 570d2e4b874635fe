import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../../src/project/compile.js';

/** A project whose dev overlay patches a Deployment that is not there. */
function projectWithStrayPatch(strict: boolean | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-strict-'));
  mkdirSync(join(dir, 'overlays', 'dev'), { recursive: true });
  writeFileSync(join(dir, 'kcc.yaml'), `name: shop\n${strict === undefined ? '' : `strict: ${strict}\n`}environments:\n  dev:\n    overlay: overlays/dev\n`);
  writeFileSync(
    join(dir, 'overlays', 'dev', 'kustomization.yaml'),
    'resources: [cm.yaml]\npatches:\n- target: {kind: Deployment, name: web}\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 2\n',
  );
  writeFileSync(join(dir, 'overlays', 'dev', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n');
  return dir;
}

describe('kcc.yaml strict', () => {
  it('without it, a patch selecting nothing is a note and the build goes on', async () => {
    const compiled = await compileProject({ dir: projectWithStrayPatch(undefined), env: 'dev' });
    expect(compiled.objects.map((o) => o.object.metadata.name)).toEqual(['settings']);
    expect(compiled.notes.join('\n')).toMatch(/matches nothing \(target .*Deployment/);
  });

  it('strict: true makes it an error, and --strict=false on the command line (strict: false) wins', async () => {
    await expect(compileProject({ dir: projectWithStrayPatch(true), env: 'dev' })).rejects.toThrow(/Deployment/);
    const compiled = await compileProject({ dir: projectWithStrayPatch(true), env: 'dev', strict: false });
    expect(compiled.objects).toHaveLength(1);
  });
});
