import { describe, expect, it } from 'vitest';
import { kubectl } from './shared-cluster.js';
import { manifestFile, releaseRunner } from './apply-helpers.js';
import { widgetCrd } from '../helpers/widget-crd.js';

// The readiness rules beyond Deployments (src/engine/readiness-rules.ts), against the bundled
// cluster: a StatefulSet's pods come up one by one, a CRD must be Established before its
// custom resources can be applied.
describe('kcc apply waits for StatefulSets and CustomResourceDefinitions', () => {
  it('waits for every replica of a StatefulSet, and a later change rolls out before apply returns', async () => {
    const ns = 'it-ready-sts';
    const kcc = releaseRunner('db', ns);
    const app = (image: string) => `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: ${ns}}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: redis, image: "${image}"}]
`;
    const install = await kcc(['apply', '-f', manifestFile(app('redis:7.2')), '--timeout', '120s']);
    expect(install.code, install.stderr).toBe(0);
    expect(install.stderr).toMatch(/StatefulSet\/it-ready-sts\/db ready/);
    const installed = JSON.parse(await kubectl(['get', 'statefulset', 'db', '-n', ns, '-o', 'json']));
    expect(installed.status.readyReplicas).toBe(2);

    const upgrade = await kcc(['apply', '-f', manifestFile(app('redis:7.4')), '--timeout', '120s']);
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(upgrade.stderr).toMatch(/StatefulSet\/it-ready-sts\/db ready/);
    const upgraded = JSON.parse(await kubectl(['get', 'statefulset', 'db', '-n', ns, '-o', 'json']));
    // Ready means rolled out: every replica runs the new revision.
    expect(upgraded.status.updatedReplicas).toBe(2);
    expect(upgraded.status.currentRevision).toBe(upgraded.status.updateRevision);
  });

  it('installs a CRD first, waits until it is Established, then applies a custom resource of it', async () => {
    const ns = 'it-ready-crd';
    const kcc = releaseRunner('widgets', ns);
    const manifests = `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: example.kcc.dev/v1
kind: Widget
metadata: {name: first, namespace: ${ns}}
spec: {size: 3}
---
${widgetCrd('example.kcc.dev')}`;
    const install = await kcc(['apply', '-f', manifestFile(manifests), '--timeout', '120s']);
    expect(install.code, install.stderr).toBe(0);
    // The CRD (written after the resource above) was applied, and established, first.
    const lines = install.stderr.split('\n');
    const at = (pattern: RegExp) => lines.findIndex((line) => pattern.test(line));
    const crdCreated = at(/CustomResourceDefinition\/widgets\.example\.kcc\.dev created/);
    const established = at(/wait: waiting for 1 CustomResourceDefinition to be established/);
    const widgetCreated = at(/Widget\/it-ready-crd\/first created/);
    expect(crdCreated, install.stderr).toBeGreaterThanOrEqual(0);
    expect(established, install.stderr).toBeGreaterThan(crdCreated);
    expect(widgetCreated, install.stderr).toBeGreaterThan(established);
    expect(await kubectl(['get', 'widgets.example.kcc.dev', 'first', '-n', ns, '-o', 'jsonpath={.spec.size}'])).toBe('3');
    const destroy = await kcc(['destroy']);
    expect(destroy.code, destroy.stderr).toBe(0);
  });
});
