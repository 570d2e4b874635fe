import { describe, expect, it } from 'vitest';
import { KccError, KccErrors } from '../../../src/core/errors.js';
import { parseProject } from '../../../src/project/project-file.js';

describe('kcc.yaml', () => {
  it('accepts a full project', () => {
    const { project } = parseProject(
      `name: shop
app: main.ts
charts:
- name: redis
  path: charts/redis
  values: {replicas: 1}
defaultEnvironment: dev
environments:
  dev:
    overlay: overlays/dev
    namespace: shop-dev
    values: {redis: {replicas: 1}}
    cluster: {provider: local, name: kcc}
  prod:
    overlay: overlays/prod
    cluster: {provider: kubeconfig, context: prod-admin}
`,
      '/p/kcc.yaml',
    );
    expect(project.environments?.prod?.cluster).toEqual({ provider: 'kubeconfig', context: 'prod-admin' });
  });

  it('reports each schema violation at its file:line', () => {
    let error: unknown;
    try {
      parseProject('name: shop\nenvironments:\n  dev:\n    cluster:\n      provider: docker\n    overlays: a\n', '/p/kcc.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KccErrors);
    const errors = (error as KccErrors).errors;
    const unknown = errors.find((e) => e.message === "unknown field 'overlays'")!;
    expect(unknown.location).toMatchObject({ file: '/p/kcc.yaml', line: 6 });
    const provider = errors.find((e) => e.field === 'environments.dev.cluster.provider')!;
    expect(provider.message).toBe('must be one of local, kind, minikube, kubeconfig');
    expect(provider.location?.line).toBe(5);
  });

  it('requires a context for provider kubeconfig', () => {
    expect(() => parseProject('environments:\n  prod:\n    cluster: {provider: kubeconfig}\n', '/p/kcc.yaml')).toThrow(/context/);
  });

  it('malformed YAML is a KccError with a line', () => {
    try {
      parseProject('name: [x\n', '/p/kcc.yaml');
      expect.fail();
    } catch (error) {
      expect(error).toBeInstanceOf(KccError);
      expect((error as KccError).location?.line).toBeDefined();
    }
  });
});
