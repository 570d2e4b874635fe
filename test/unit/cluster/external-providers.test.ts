import { chmodSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KindProvider } from '../../../src/cluster/external/kind-provider.js';
import { MinikubeProvider } from '../../../src/cluster/external/minikube-provider.js';

// Recording stand-ins on PATH: each appends its argv to calls.log and answers like the real CLI.
let bin: string;
let home: string;
const saved = { PATH: process.env.PATH, KCC_HOME: process.env.KCC_HOME, KUBECONFIG: process.env.KUBECONFIG };

function standIn(name: string, script: string): void {
  const file = join(bin, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "${join(bin, 'calls.log')}"\n${script}\n`);
  chmodSync(file, 0o755);
}

function calls(): string[] {
  const log = join(bin, 'calls.log');
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter((line) => !line.endsWith('--help')) : [];
}

beforeEach(() => {
  bin = mkdtempSync(join(tmpdir(), 'kcc-standins-'));
  home = mkdtempSync(join(tmpdir(), 'kcc-home-'));
  process.env.PATH = `${bin}:/usr/bin:/bin`;
  process.env.KCC_HOME = home;
  standIn('docker', 'exit 0');
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('kind provider', () => {
  it('creates a cluster with the real CLI flags and a kubeconfig of its own', async () => {
    standIn('kind', `case "$1" in get) echo "No kind clusters found." ;; create) shift; while [ $# -gt 0 ]; do [ "$1" = --kubeconfig ] && printf 'clusters:\\n- cluster:\\n    server: https://127.0.0.1:40001\\n' > "$2"; shift; done ;; esac`);
    const info = await new KindProvider().up({ name: 'dev' });
    const kubeconfig = join(home, 'clusters', 'kind-dev', 'kubeconfig');
    expect(calls()).toEqual(['docker info --format {{.ServerVersion}}', 'kind get clusters', `kind create cluster --name dev --kubeconfig ${kubeconfig} --wait 120s`]);
    expect(info).toMatchObject({ provider: 'kind', kubeconfigPath: kubeconfig, server: 'https://127.0.0.1:40001' });
  });

  it('reuses a running cluster by exporting its kubeconfig, and deletes it on down', async () => {
    standIn('kind', 'case "$1" in get) echo dev ;; esac');
    const provider = new KindProvider();
    expect((await provider.up({ name: 'dev' })).alreadyRunning).toBe(true);
    await provider.down('dev');
    const kubeconfig = join(home, 'clusters', 'kind-dev', 'kubeconfig');
    expect(calls()).toContain(`kind export kubeconfig --name dev --kubeconfig ${kubeconfig}`);
    expect(calls()).toContain(`kind delete cluster --name dev --kubeconfig ${kubeconfig}`);
  });

  it('names the missing piece and suggests the local provider', async () => {
    await expect(new KindProvider().up({ name: 'dev' })).rejects.toMatchObject({ message: expect.stringContaining('needs kind'), hint: expect.stringContaining('--provider local') });
    standIn('kind', 'exit 0');
    standIn('docker', 'exit 1');
    await expect(new KindProvider().up({ name: 'dev' })).rejects.toMatchObject({ message: expect.stringContaining('a running Docker engine') });
  });

  it('says when there is no such kind cluster to delete', async () => {
    standIn('kind', 'case "$1" in get) echo other ;; esac');
    await expect(new KindProvider().down('dev')).rejects.toThrow('there is no kind cluster named "dev"');
  });
});

describe('minikube provider', () => {
  it('starts a profile with the docker driver and writes its context into a kubeconfig of its own', async () => {
    standIn('minikube', 'case "$1" in status) exit 7 ;; start) echo "kubeconfig=$KUBECONFIG" >> "' + '$(dirname "$0")/calls.log"' + ' ;; esac');
    const info = await new MinikubeProvider().up({ name: 'dev', nodes: 2 });
    const kubeconfig = join(home, 'clusters', 'minikube-dev', 'kubeconfig');
    expect(calls()).toEqual([
      'docker info --format {{.ServerVersion}}',
      'minikube status -p dev --output json',
      'minikube start -p dev --driver=docker --nodes=2 --wait=all',
      `kubeconfig=${kubeconfig}`,
    ]);
    expect(info.kubeconfigPath).toBe(kubeconfig);
  });

  it('deletes the profile on down', async () => {
    standIn('minikube', 'exit 0');
    await new MinikubeProvider().down('dev');
    expect(calls()).toContain('minikube delete -p dev');
  });

  it('names minikube when it is missing', async () => {
    await expect(new MinikubeProvider().up({ name: 'dev' })).rejects.toMatchObject({ message: expect.stringContaining('needs minikube'), hint: expect.stringContaining('--provider local') });
  });
});
