import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKcc, type KccRun } from '../helpers/run-kcc.js';
import { testKccHome, testKubeconfig } from './shared-cluster.js';

/** Writes manifests to a fresh temp file and returns its path. */
export function manifestFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kcc-apply-'));
  const file = join(dir, 'manifests.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** Runs kcc against the shared cluster for one release in one namespace. */
export function releaseRunner(release: string, namespace: string) {
  return (args: string[], extra: string[] = []): Promise<KccRun> =>
    runKcc([...args, '--release', release, '-n', namespace, '--kubeconfig', testKubeconfig(), ...extra], { env: { KCC_HOME: testKccHome() } });
}

/** A namespace, a ConfigMap, a Secret, a Deployment and a Service: the usual small app. */
export function webApp(namespace: string, options: { image?: string; secret?: string; extra?: string; podLabels?: string; configMap?: boolean } = {}): string {
  const docs = [
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${namespace}}`,
    options.configMap === false ? '' : `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: ${namespace}}\ndata: {mode: fast}`,
    `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${namespace}}\nstringData: {password: ${options.secret ?? 'Hunter2-secret-value'}}`,
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${namespace}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web${options.podLabels ? `, ${options.podLabels}` : ''}}}
    spec:
      containers: [{name: web, image: "${options.image ?? 'nginx:1.25'}"}]`,
    `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${namespace}}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]`,
    options.extra ?? '',
  ];
  return docs.filter(Boolean).join('\n---\n') + '\n';
}
