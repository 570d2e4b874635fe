import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, afterAll } from 'vitest';
import { controlplaneBinaryPath } from '../../src/cluster/local/controlplane-build.js';
import { runKcc } from '../helpers/run-kcc.js';
import { testKccHome } from './shared-cluster.js';

// kcc.yaml can name the control-plane binaries of an environment's local cluster. A recording
// wrapper around the real binary proves that `kcc apply --env` started the cluster with it.
describe('control-plane binaries named in kcc.yaml', () => {
  const env = () => ({ KCC_HOME: testKccHome() });
  afterAll(async () => {
    await runKcc(['cluster', 'down', '--name', 'from-yaml', '--purge'], { env: env() });
  });

  it('starts the environment cluster with them and deploys the starter app', async () => {
    const project = mkdtempSync(join(tmpdir(), 'kcc-binaries-'));
    const init = await runKcc(['init', project], { env: env() });
    expect(init.code, init.stderr).toBe(0);
    const log = join(project, 'invocations.log');
    writeFileSync(join(project, 'wrapped-controlplane'), `#!/bin/sh\necho "$1" >> "${log}"\nexec "${controlplaneBinaryPath()}" "$@"\n`);
    chmodSync(join(project, 'wrapped-controlplane'), 0o755);
    const config = readFileSync(join(project, 'kcc.yaml'), 'utf8').replace('      name: kcc\n', '      name: from-yaml\n      nodes: 1\n      binaries:\n        controlplane: wrapped-controlplane\n');
    writeFileSync(join(project, 'kcc.yaml'), config);

    const apply = await runKcc(['apply', '--env', 'dev', '-C', project], { env: env() });
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n').sort()).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']);
  });
});
