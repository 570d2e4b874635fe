import { describe, expect, it } from 'vitest';
import { build, buildError, project } from './fixture.js';

const base = {
  'base/r.yaml': `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  ports: [{port: 3306}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations: {db: "$(DB_SERVICE)"}
spec:
  template:
    spec:
      containers:
      - name: web
        image: web
        command: ["run", "--db=$(DB_SERVICE):$(DB_PORT)", "$(DB_PORT)", "$$(DB_SERVICE)", "$(UNKNOWN)"]
        env:
        - {name: PORT, value: "$(DB_PORT)"}
`,
  'base/kustomization.yaml': `resources: [r.yaml]
vars:
- name: DB_SERVICE
  objref: {kind: Service, name: db, apiVersion: v1}
- name: DB_PORT
  objref: {kind: Service, name: db, apiVersion: v1}
  fieldref: {fieldpath: "spec.ports[0].port"}
`,
};

// The expected values are kubectl kustomize's output for the same tree.
describe('vars', () => {
  it('resolve after renames, in the default varReference fields, keeping a whole reference\'s type', async () => {
    const dir = project({ ...base, 'kustomization.yaml': 'namePrefix: demo-\nresources: [base]\n' });
    const deployment = (await build(dir)).find((o) => o.kind === 'Deployment')!;
    expect(deployment.metadata.annotations).toEqual({ db: 'demo-db' });
    const container = deployment.spec.template.spec.containers[0];
    expect(container.command).toEqual(['run', '--db=demo-db:3306', 3306, '$(DB_SERVICE)', '$(UNKNOWN)']);
    expect(container.env).toEqual([{ name: 'PORT', value: 3306 }]);
  });

  it('a var whose object is missing is an error', async () => {
    const dir = project({ 'kustomization.yaml': 'resources: []\nvars:\n- name: X\n  objref: {kind: Service, name: nope, apiVersion: v1}\n' });
    expect((await buildError(dir)).message).toMatch(/var 'X' names Service\/nope, which matches no object/);
  });

  it('varReference configurations add fields', async () => {
    const dir = project({
      ...base,
      'kustomization.yaml': 'resources: [base, cr.yaml]\nconfigurations: [config.yaml]\n',
      'cr.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {target: "$(DB_SERVICE)"}\n',
      'config.yaml': 'varReference:\n- kind: Widget\n  path: spec/target\n',
    });
    expect((await build(dir)).find((o) => o.kind === 'Widget')!.spec.target).toBe('db');
  });
});
