import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_DIR, configFileKind } from '../../../src/schema/config-file-schemas.js';
import { readManifestText } from '../../../src/schema/read-manifests.js';
import { validateObjects } from '../../../src/schema/validate-objects.js';
import type { ValidationIssue } from '../../../src/schema/validation-issue.js';

function validateText(text: string): ValidationIssue[] {
  const { objects, issues } = readManifestText(text, 'config.yaml');
  return [...issues, ...validateObjects(objects)];
}

const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority-data: bm90LWEtY2VydA==
users:
- name: admin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: aws
      args: [eks, get-token, --cluster-name, dev]
      env: null
      interactiveMode: IfAvailable
contexts:
- name: dev
  context:
    cluster: dev
    user: admin
    namespace: default
current-context: dev
preferences: {}
`;

const SCHEDULER_CONFIG = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
leaderElection:
  leaderElect: false
  leaseDuration: 15s
profiles:
  - schedulerName: default-scheduler
  - schedulerName: no-scoring-scheduler
    plugins:
      preScore:
        disabled:
          - name: '*'
      score:
        enabled:
          - name: ImageLocality
            weight: 2
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
`;

describe('configuration files validated against schemas generated from their Go types', () => {
  it('accepts a valid kubeconfig and a valid KubeSchedulerConfiguration, neither needing metadata.name', () => {
    expect(validateText(KUBECONFIG)).toEqual([]);
    expect(validateText(SCHEDULER_CONFIG)).toEqual([]);
  });

  it('rejects clusters written as a mapping, at its line', () => {
    const issues = validateText(KUBECONFIG.replace(/clusters:\n(- .*\n|  .*\n)+/, 'clusters: {}\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'wrong-type', field: 'clusters', location: { file: 'config.yaml', line: 3 } });
    expect(issues[0]!.message).toBe('must be array, not mapping');
  });

  it('rejects a number where the scheduler takes a string, at its line and column', () => {
    const issues = validateText(SCHEDULER_CONFIG.replace('schedulerName: default-scheduler', 'schedulerName: 3'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'wrong-type', field: 'profiles[0].schedulerName', location: { line: 7, column: 20 } });
  });

  it('rejects an unknown scheduler field (kube-scheduler decodes strictly), with did-you-mean', () => {
    const misspelt = '  - schedulerName: default-scheduler\n    percentageOfNodeToScore: 50\n';
    const issues = validateText(SCHEDULER_CONFIG.replace('  - schedulerName: default-scheduler\n', misspelt));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'unknown-field', field: 'profiles[0].percentageOfNodeToScore', location: { line: 8 } });
    expect(issues[0]!.hint).toBe('did you mean "percentageOfNodesToScore"?');
  });

  it('rejects a duration that is not a Go duration', () => {
    const issues = validateText(SCHEDULER_CONFIG.replace('leaseDuration: 15s', 'leaseDuration: 15 seconds'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'invalid-value', field: 'leaderElection.leaseDuration', location: { line: 5 } });
  });

  it('only warns about an unknown kubeconfig field, since client-go ignores it, and still suggests the fix', () => {
    const issues = validateText(KUBECONFIG.replace('    namespace: default', '    namespce: default'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'warning', code: 'unknown-field', field: 'contexts[0].context.namespce', location: { line: 22, column: 5 } });
    expect(issues[0]!.hint).toBe('did you mean "namespace"?');
  });

  it('still rejects a wrong type inside a kubeconfig (an unknown field is the only leniency)', () => {
    const issues = validateText(KUBECONFIG.replace('certificate-authority-data: bm90LWEtY2VydA==', 'certificate-authority-data: not base64!'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ severity: 'error', field: 'clusters[0].cluster.certificate-authority-data', location: { line: 7 } });
  });

  it('has a policy for every generated schema, and each schema names the Go type it came from', () => {
    const index = JSON.parse(readFileSync(join(CONFIG_SCHEMA_DIR, 'index.json'), 'utf8')) as { kinds: Record<string, string> };
    expect(Object.keys(index.kinds).sort()).toEqual(['kubescheduler.config.k8s.io/v1/KubeSchedulerConfiguration', 'v1/Config']);
    for (const key of Object.keys(index.kinds)) {
      const slash = key.lastIndexOf('/');
      const config = configFileKind(key.slice(0, slash), key.slice(slash + 1));
      expect(config, key).toBeDefined();
      expect(String(config!.schema.$comment)).toMatch(/^Generated by scripts\/config-schemas from k8s\.io\//);
    }
    expect(configFileKind('v1', 'ConfigMap')).toBeUndefined();
  });
});
