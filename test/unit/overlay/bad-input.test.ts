import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KccError } from '../../../src/core/errors.js';
import { buildKustomization } from '../../../src/overlay/index.js';

/** Writes files into a fresh directory and returns its path. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-overlay-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function buildError(dir: string, options = {}): Promise<KccError> {
  try {
    await buildKustomization(dir, options);
  } catch (error) {
    expect(error).toBeInstanceOf(KccError);
    expect((error as KccError).exitCode).toBe(1);
    return error as KccError;
  }
  throw new Error('expected the build to fail');
}

const deployments = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: other}
---
apiVersion: v1
kind: Service
metadata: {name: web-svc}
`;

describe('overlay bad input', () => {
  it('with strict, a patch matching nothing is an error naming the target and the closest objects', async () => {
    const dir = project({ 'kustomization.yaml': 'resources: [d.yaml]\npatches:\n- target: {kind: Deployment, name: wbe}\n  patch: |\n    - op: add\n      path: /x\n      value: 1\n', 'd.yaml': deployments });
    const error = await buildError(dir, { strict: true });
    expect(error.message).toContain('matches nothing');
    expect(error.message).toContain('kind=Deployment, name=wbe');
    expect(error.hint).toContain('Deployment/web');
    expect(error.location?.line).toBe(3);
  });

  it('an untargeted patch matching several objects is refused', async () => {
    // Both bases started from a Deployment named web; the overlay's patch names that original name.
    const base = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n';
    const dir = project({
      'kustomization.yaml': 'resources: [a, b]\npatches:\n- path: p.yaml\n',
      'a/kustomization.yaml': 'resources: [d.yaml]\nnamePrefix: a-\n',
      'a/d.yaml': base,
      'b/kustomization.yaml': 'resources: [d.yaml]\nnamePrefix: b-\n',
      'b/d.yaml': base,
      'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n',
    });
    const error = await buildError(dir);
    expect(error.message).toContain('matches 2 objects (Deployment.v1.apps/a-web, Deployment.v1.apps/b-web)');
  });

  it('an untargeted patch for a missing object names it', async () => {
    const dir = project({ 'kustomization.yaml': 'resources: [d.yaml]\npatches:\n- path: p.yaml\n', 'd.yaml': deployments, 'p.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: NodePort}\n' });
    const error = await buildError(dir);
    expect(error.message).toContain('Service.v1/web');
    expect(error.hint).toContain('Service/web-svc');
  });

  it('a missing resource file', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'resources:\n- gone.yaml\n' }));
    expect(error.message).toContain("'gone.yaml' does not exist");
    expect(error.location?.line).toBe(2);
  });

  it('a malformed kustomization reports file:line', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'resources:\n- a.yaml\nnamePrefix: [unclosed\n' }));
    expect(error.message).toContain('malformed kustomization');
    expect(error.location?.file).toMatch(/kustomization\.yaml$/);
    expect(error.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('an unknown field is an error naming it, with a suggestion', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'resources: []\nnamePrefx: dev-\n' }));
    expect(error.message).toBe("unknown field 'namePrefx'");
    expect(error.hint).toContain("'namePrefix'");
    expect(error.location?.line).toBe(2);
  });

  it('an unsupported kustomize field is an error, not ignored', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'validators: []\n' }));
    expect(error.message).toContain("'validators' is not supported");
  });

  it('a missing generator file', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [missing.properties]\n' }));
    expect(error.message).toContain("'missing.properties' does not exist");
    expect(error.field).toBe('configMapGenerator[0].files');
  });

  it('a path escaping the root is refused unless the restrictor is off', async () => {
    const dir = project({ 'overlay/kustomization.yaml': 'resources:\n- ../shared/d.yaml\n', 'shared/d.yaml': deployments });
    const error = await buildError(join(dir, 'overlay'));
    expect(error.message).toContain('outside the kustomization root');
    expect(error.hint).toContain('--load-restrictor none');
    const { objects } = await buildKustomization(join(dir, 'overlay'), { loadRestrictor: 'none' });
    expect(objects).toHaveLength(3);
  });

  it('a cycle between kustomizations prints the chain', async () => {
    const dir = project({ 'a/kustomization.yaml': 'resources: [../b]\n', 'b/kustomization.yaml': 'resources: [../c]\n', 'c/kustomization.yaml': 'resources: [../a]\n' });
    const error = await buildError(join(dir, 'a'));
    expect(error.message).toMatch(/cycle: .*a -> .*b -> .*c -> .*a$/);
  });

  it('a Component listed as a resource, and a Kustomization listed as a component', async () => {
    const dir = project({
      'kustomization.yaml': 'resources: [comp]\n',
      'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: []\n',
      'other/kustomization.yaml': 'components: [../plain]\n',
      'plain/kustomization.yaml': 'resources: []\n',
    });
    expect((await buildError(dir)).message).toContain('is a Component');
    expect((await buildError(join(dir, 'other'))).message).toContain('listed in components');
  });

  it('generator behavior merge with nothing to merge into', async () => {
    const error = await buildError(project({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  behavior: merge\n  literals: [a=b]\n' }));
    expect(error.message).toContain('behavior merge needs an existing');
  });
});
