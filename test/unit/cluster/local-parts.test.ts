import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { assertClusterName } from '../../../src/cluster/provider.js';
import { resolveControlplaneBinaries, componentEnvVar } from '../../../src/cluster/local/controlplane-binaries.js';
import { kwokConfigYaml, SIMULATE_LABEL } from '../../../src/cluster/local/kwok-config.js';
import { generatePki } from '../../../src/cluster/local/pki.js';
import { pkiPaths } from '../../../src/cluster/local/pki-paths.js';
import { readKubernetesPin } from '../../../src/cluster/controlplane-pin.js';
import { componentArgs, stateLayout } from '../../../src/cluster/local/component-args.js';

const savedEnv = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

function fakeBinary(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
  return file;
}

describe('cluster names', () => {
  it.each(['dev', 'team-a', 'a', 'x1'])('accepts %s', (name) => expect(() => assertClusterName(name)).not.toThrow());
  it.each(['Dev', 'a_b', '-a', 'a-', '', 'a'.repeat(64), '../etc'])('rejects %j with a hint', (name) => {
    expect(() => assertClusterName(name)).toThrow(/invalid cluster name/);
  });
});

describe('control-plane pin', () => {
  it('reads the Kubernetes release from controlplane/go.mod', () => {
    const pin = readKubernetesPin();
    expect(pin.kubernetes).toMatch(/^v1\.3[56]\.\d+$/);
    expect(pin.etcd).toMatch(/^v3\.[56]\./);
    expect(pin.digest).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('control-plane binaries', () => {
  it('takes one multi-call binary from KCC_CONTROLPLANE_BINARY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-bin-'));
    process.env.KCC_CONTROLPLANE_BINARY = fakeBinary(dir, 'kcc-controlplane');
    const binaries = await resolveControlplaneBinaries();
    expect(binaries.commands['kube-apiserver']).toEqual({ path: join(dir, 'kcc-controlplane'), prefixArgs: ['kube-apiserver'] });
    expect(binaries.commands.kwok?.prefixArgs).toEqual(['kwok']);
  });

  it('accepts the envtest layout, and single binaries override per component', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-assets-'));
    fakeBinary(dir, 'etcd');
    fakeBinary(dir, 'kube-apiserver');
    process.env.KUBEBUILDER_ASSETS = dir;
    const binaries = await resolveControlplaneBinaries();
    expect(binaries.source).toContain('KUBEBUILDER_ASSETS');
    expect(binaries.commands.etcd).toEqual({ path: join(dir, 'etcd'), prefixArgs: [] });
    // envtest ships no scheduler, controller manager or kwok: the cluster then serves the API only.
    expect(binaries.commands['kube-scheduler']).toBeUndefined();
    process.env[componentEnvVar('kwok')] = fakeBinary(dir, 'my-kwok');
    expect((await resolveControlplaneBinaries()).commands.kwok).toEqual({ path: join(dir, 'my-kwok'), prefixArgs: [] });
  });

  it('refuses a configured path that is not an executable', async () => {
    process.env[componentEnvVar('etcd')] = '/nonexistent/etcd';
    await expect(resolveControlplaneBinaries()).rejects.toThrow('KCC_ETCD_BINARY names /nonexistent/etcd, which is not an executable file');
  });

  it('explains what to do when there is neither a binary nor Go', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kcc-nogo-'));
    process.env.XDG_CACHE_HOME = empty;
    process.env.PATH = '/nonexistent';
    delete process.env.KUBEBUILDER_ASSETS;
    delete process.env.KCC_CONTROLPLANE_BINARY;
    await expect(resolveControlplaneBinaries()).rejects.toMatchObject({
      message: expect.stringContaining('Go is not installed'),
      hint: expect.stringContaining('KUBEBUILDER_ASSETS'),
    });
  });
});

describe('kwok configuration', () => {
  it('is valid YAML: a KwokConfiguration then Stages, with failure stages keyed on the simulate label', () => {
    const docs = parseAllDocuments(kwokConfigYaml()).map((doc) => doc.toJS());
    expect(docs[0].kind).toBe('KwokConfiguration');
    expect(docs[0].options.nodeLeaseDurationSeconds).toBeGreaterThan(0);
    const stages = docs.slice(1);
    expect(stages.every((stage) => stage.kind === 'Stage')).toBe(true);
    const crash = stages.find((stage) => stage.metadata.name === 'kcc-pod-crash-loop');
    expect(JSON.stringify(crash.spec.selector)).toContain(SIMULATE_LABEL);
    expect(crash.spec.next.statusTemplate).toContain('CrashLoopBackOff');
    const ready = stages.find((stage) => stage.metadata.name === 'kcc-pod-ready');
    expect(ready.spec.selector.matchExpressions).toContainEqual({ key: `.metadata.labels["${SIMULATE_LABEL}"]`, operator: 'DoesNotExist' });
  });
});

describe('pki', () => {
  it('issues certificates that chain to the CA, with the API server names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kcc-pki-'));
    const paths = pkiPaths(dir);
    await generatePki(paths, '10.96.0.1');
    const verify = execFileSync('openssl', ['verify', '-CAfile', paths.caCert, paths.apiserverCert, paths.adminCert, paths.schedulerCert]).toString();
    expect(verify).toContain(`${paths.apiserverCert}: OK`);
    const text = execFileSync('openssl', ['x509', '-in', paths.apiserverCert, '-noout', '-ext', 'subjectAltName']).toString();
    expect(text).toContain('IP Address:10.96.0.1');
    expect(text).toContain('DNS:kubernetes.default.svc');
    const subject = execFileSync('openssl', ['x509', '-in', paths.adminCert, '-noout', '-subject']).toString();
    expect(subject).toContain('O = system:masters');
  });
});

describe('component arguments', () => {
  it('keeps every path inside the cluster state directory, which identifies our processes', () => {
    const dir = '/state/dev';
    const ports = { apiserver: 1, etcdClient: 2, etcdPeer: 3, controllerManager: 4, scheduler: 5, kwok: 6 };
    for (const component of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'] as const) {
      const args = componentArgs(component, stateLayout(dir), pkiPaths(dir), ports);
      expect(args.some((arg) => arg.includes(dir)), component).toBe(true);
    }
  });
});
