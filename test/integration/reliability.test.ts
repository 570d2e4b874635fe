import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KCC_BIN, runKcc } from '../helpers/run-kcc.js';
import { kubectl, testKccHome, testKubeconfig } from './shared-cluster.js';
import { manifestFile, releaseRunner } from './apply-helpers.js';

// The apply engine's safety guarantees (docs/RELIABILITY.md), each shown on the bundled cluster.

async function history(kcc: ReturnType<typeof releaseRunner>): Promise<any[]> {
  const run = await kcc(['history', '-o', 'json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function exists(args: string[]): Promise<boolean> {
  return kubectl(['get', ...args, '-o', 'name']).then(
    (out) => out.trim().length > 0,
    () => false,
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Every object in the given namespaces (every listable kind) and the named cluster-scoped
 * objects, with uid and resourceVersion: any write, delete or create changes this.
 */
async function liveState(namespaces: string[], clusterScoped: string[]): Promise<string[]> {
  const kinds = (await kubectl(['api-resources', '--verbs=list', '--namespaced=true', '-o', 'name'])).trim().split('\n').filter((k) => !/^events(\.events\.k8s\.io)?$/.test(k));
  const lines: string[] = [];
  for (const ns of namespaces) {
    const list = JSON.parse(await kubectl(['get', kinds.join(','), '-n', ns, '-o', 'json']));
    for (const item of list.items) lines.push(`${item.kind}/${ns}/${item.metadata.name} ${item.metadata.uid} ${item.metadata.resourceVersion}`);
  }
  for (const name of clusterScoped) {
    const item = JSON.parse(await kubectl(['get', name, '-o', 'json']).catch(() => '{"kind":"missing","metadata":{}}'));
    lines.push(`${name} ${item.metadata.uid} ${item.metadata.resourceVersion}`);
  }
  return lines.sort();
}

const crd = (group: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.${group}}
spec:
  group: ${group}
  names: {kind: Widget, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}`;

const configMap = (name: string, ns: string, value = 'one') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: ${ns}}\ndata: {value: "${value}"}`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${name}}`;
const docs = (...parts: string[]) => parts.join('\n---\n') + '\n';

describe('dry runs change nothing', () => {
  const ns = 'rel-dry';
  const kcc = releaseRunner('dry', ns);
  it('destroy --dry-run, apply --dry-run with prunes and diff leave the whole live state as it was', async () => {
    const group = 'rel-dry.example.com';
    const full = docs(namespace(ns), crd(group), configMap('a', ns), configMap('b', ns), `apiVersion: ${group}/v1\nkind: Widget\nmetadata: {name: w1, namespace: ${ns}}\nspec: {size: 3}`);
    const installed = await kcc(['apply', '-f', manifestFile(full)]);
    expect(installed.code, installed.stderr).toBe(0);
    await waitUntil(() => exists(['serviceaccount', 'default', '-n', ns]));
    const before = await liveState([ns], [`customresourcedefinition/widgets.${group}`, `namespace/${ns}`]);
    expect(before.some((line) => line.startsWith('Widget/rel-dry/w1'))).toBe(true);

    const destroy = await kcc(['destroy', '--dry-run']);
    expect(destroy.code, destroy.stderr).toBe(0);
    expect(destroy.stdout).toMatch(/4 objects would be deleted/);
    // Without b, w1 and the CRD, the plan prunes three objects: the dry run only reports them.
    const shrunk = await kcc(['apply', '-f', manifestFile(docs(namespace(ns), configMap('a', ns, 'two'))), '--dry-run']);
    expect(shrunk.code, shrunk.stderr).toBe(0);
    expect(shrunk.stderr).toMatch(/ConfigMap\/rel-dry\/b pruned/);
    expect(shrunk.stderr).toMatch(/CustomResourceDefinition\/widgets\.rel-dry\.example\.com pruned/);
    const diff = await kcc(['diff', '-f', manifestFile(docs(namespace(ns), configMap('a', ns, 'two'))), '--exit-code']);
    expect(diff.code, diff.stderr).toBe(1);

    expect(await liveState([ns], [`customresourcedefinition/widgets.${group}`, `namespace/${ns}`])).toEqual(before);
    expect((await history(kcc)).map((r) => r.revision)).toEqual([1]);
    // A dry run of a release that does not exist yet does not create its namespace either.
    const fresh = await runKcc(['apply', '-f', manifestFile(docs(configMap('x', 'rel-dry-none'))), '--release', 'none', '-n', 'rel-dry-none', '--kubeconfig', testKubeconfig(), '--dry-run', '--create-namespace'], { env: { KCC_HOME: testKccHome() } });
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(await exists(['namespace', 'rel-dry-none'])).toBe(false);
    const cleanup = await kcc(['destroy']);
    expect(cleanup.code, cleanup.stderr).toBe(0);
  });
});

describe('ownership', () => {
  it('refuses a namespace that existed before the release unless --adopt, and never deletes it', async () => {
    const ns = 'rel-adopt';
    // The release's records live elsewhere: the adopted namespace is an ordinary member.
    const kcc = releaseRunner('adopter', 'rel-adopt-home');
    await kubectl(['create', 'namespace', ns]);
    await kubectl(['create', 'configmap', 'precious', '-n', ns, '--from-literal=data=keep-me']);
    const manifests = manifestFile(docs(namespace(ns), configMap('app', ns)));

    const refused = await kcc(['apply', '-f', manifests, '--create-namespace']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Namespace/${ns} already exists and was not created by release adopter`);
    expect(refused.stderr).toContain('--adopt');
    expect(refused.stderr).toContain('nothing was written');
    expect(await exists(['configmap', 'app', '-n', ns])).toBe(false);
    expect(await exists(['namespace', 'rel-adopt-home'])).toBe(false);

    const adopted = await kcc(['apply', '-f', manifests, '--adopt', '--create-namespace']);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect((await history(kcc)).pop()).toMatchObject({ adopted: [`Namespace/${ns}`] });
    const destroyed = await kcc(['destroy']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(destroyed.stdout).toContain(`kept Namespace/${ns}`);
    expect(await exists(['configmap', 'app', '-n', ns])).toBe(false);
    expect(await kubectl(['get', 'configmap', 'precious', '-n', ns, '-o', 'jsonpath={.data.data}'])).toBe('keep-me');
    const live = JSON.parse(await kubectl(['get', 'namespace', ns, '-o', 'json']));
    expect(live.status.phase).toBe('Active');
    // Let go: no release claims it any more.
    expect(live.metadata.labels?.['applyset.kubernetes.io/part-of']).toBeUndefined();
  });

  it('names the owner, not a field conflict, for an existing object with other values, and --adopt takes its fields back', async () => {
    const ns = 'rel-adopt-cm';
    const kcc = releaseRunner('adopt-cm', ns);
    await kubectl(['create', 'namespace', ns]);
    await kubectl(['create', 'configmap', 'settings', '-n', ns, '--from-literal=value=theirs']);
    const file = manifestFile(docs(configMap('settings', ns, 'ours')));
    const refused = await kcc(['apply', '-f', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`ConfigMap/${ns}/settings already exists and was not created by release adopt-cm`);
    expect(refused.stderr).not.toContain('owned by another manager');
    const adopted = await kcc(['apply', '-f', file, '--adopt']);
    expect(adopted.code, adopted.stderr).toBe(0);
    expect(await kubectl(['get', 'configmap', 'settings', '-n', ns, '-o', 'jsonpath={.data.value}'])).toBe('ours');
  });

  it('refuses an object of another release unless --take-ownership, and destroying the refused release leaves it', async () => {
    const ns = 'rel-owner';
    const first = releaseRunner('first', ns);
    const second = releaseRunner('second', ns);
    expect((await first(['apply', '-f', manifestFile(docs(namespace(ns), configMap('shared', ns)))])).code).toBe(0);
    const uid = await kubectl(['get', 'configmap', 'shared', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);

    const refused = await second(['apply', '-f', manifestFile(docs(configMap('shared', ns, 'second')))]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`ConfigMap/${ns}/shared belongs to kcc release first in namespace ${ns}`);
    expect(refused.stderr).toContain('--take-ownership');
    expect(await kubectl(['get', 'configmap', 'shared', '-n', ns, '-o', 'jsonpath={.data.value}'])).toBe('one');
    expect((await second(['destroy'])).code).toBe(0);
    expect(await kubectl(['get', 'configmap', 'shared', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).toBe(uid);

    const taken = await second(['apply', '-f', manifestFile(docs(configMap('shared', ns, 'second'))), '--take-ownership']);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain('taken over from kcc release first');
    expect((await history(second)).pop().takenOver).toEqual([{ object: `ConfigMap/${ns}/shared`, from: `kcc release first in namespace ${ns}` }]);
    // The first release no longer counts it as its own: its next apply refuses rather than fighting.
    const back = await first(['apply', '-f', manifestFile(docs(namespace(ns), configMap('shared', ns)))]);
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('belongs to kcc release second');
  });
});

describe('drift', () => {
  const ns = 'rel-drift';
  const kcc = releaseRunner('drift', ns);
  const app = docs(
    namespace(ns),
    configMap('settings', ns),
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.25", resources: {requests: {cpu: "0.1", memory: 64Mi}}}]`,
  );

  it('kubectl scale and a ConfigMap edit show in diff --exit-code and status, and apply restores them', async () => {
    const file = manifestFile(app);
    expect((await kcc(['apply', '-f', file])).code).toBe(0);
    const clean = await kcc(['diff', '-f', file, '--exit-code']);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    await kubectl(['scale', 'deployment', 'web', '-n', ns, '--replicas=3']);
    await kubectl(['patch', 'configmap', 'settings', '-n', ns, '--type=merge', '-p', '{"data":{"value":"edited"}}']);
    const diff = await kcc(['diff', '-f', file, '--exit-code']);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain(`# Deployment/${ns}/web (update: drifted from the configuration at spec.replicas)`);
    expect(diff.stdout).toMatch(/-\s+replicas: 3\n\+\s+replicas: 2/);
    expect(diff.stdout).toContain(`# ConfigMap/${ns}/settings (update: drifted from the configuration at data.value)`);
    const status = await kcc(['status', '-o', 'json']);
    expect(JSON.parse(status.stdout).drifted.sort()).toEqual([`ConfigMap/${ns}/settings`, `Deployment/${ns}/web`]);

    const repaired = await kcc(['apply', '-f', file]);
    expect(repaired.code, repaired.stderr).toBe(0);
    expect(repaired.stderr).toContain('drifted from the configuration');
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.replicas}'])).toBe('2');
    expect(await kubectl(['get', 'configmap', 'settings', '-n', ns, '-o', 'jsonpath={.data.value}'])).toBe('one');
    expect(await history(kcc)).toHaveLength(2);
  });

  it('records no revision when nothing changed, with or without --resync', async () => {
    const file = manifestFile(app);
    for (const extra of [[], ['--resync']]) {
      const again = await kcc(['apply', '-f', file, '-o', 'json', ...extra]);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toMatchObject({ changed: false, unchanged: 3 });
    }
    expect(await history(kcc)).toHaveLength(2);
  });
});

describe('preflight', () => {
  it('refuses an invalid object and a missing namespace before writing anything, listing every problem', async () => {
    const ns = 'rel-pre';
    const kcc = releaseRunner('pre', ns);
    const bad = docs(
      namespace(ns),
      configMap('first', ns),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: two\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}`,
      configMap('elsewhere', 'rel-pre-missing'),
    );
    const file = manifestFile(bad);
    for (const extra of [[], ['--dry-run']]) {
      const refused = await kcc(['apply', '-f', file, ...extra]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('nothing was written');
      expect(refused.stderr).toMatch(new RegExp(`manifests\\.yaml:\\d+:\\d+: error: Deployment/${ns}/web: spec\\.replicas`));
      expect(refused.stderr).toContain('namespace "rel-pre-missing" does not exist (needed by ConfigMap/rel-pre-missing/elsewhere)');
      expect(refused.stderr).toContain('--create-namespace');
    }
    expect(await exists(['namespace', ns])).toBe(false);

    const fixed = docs(namespace(ns), configMap('first', ns), configMap('elsewhere', 'rel-pre-missing'));
    const created = await kcc(['apply', '-f', manifestFile(fixed), '--create-namespace']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('Namespace/rel-pre-missing created');
    expect((await history(kcc)).pop().createdNamespaces).toEqual(['rel-pre-missing']);
    const destroyed = await kcc(['destroy']);
    expect(destroyed.code, destroyed.stderr).toBe(0);
    expect(await exists(['configmap', 'elsewhere', '-n', 'rel-pre-missing'])).toBe(false);
    expect(await exists(['namespace', 'rel-pre-missing'])).toBe(true);
  });

  it('refuses a write the user may not make (RBAC) before writing anything', async () => {
    const ns = 'rel-rbac';
    await kubectl(['create', 'namespace', ns]);
    await kubectl(['create', 'serviceaccount', 'deployer', '-n', ns]);
    // Enough for kcc's own records, lock and plan, and for ConfigMaps; not for ServiceAccounts.
    await kubectl(['create', 'role', 'deployer', '-n', ns, '--verb=*', '--resource=configmaps,secrets,leases.coordination.k8s.io']);
    await kubectl(['create', 'role', 'reader', '-n', ns, '--verb=get,list,watch', '--resource=*.*']);
    await kubectl(['create', 'rolebinding', 'deployer', '-n', ns, '--role=deployer', `--serviceaccount=${ns}:deployer`]);
    await kubectl(['create', 'rolebinding', 'reader', '-n', ns, '--role=reader', `--serviceaccount=${ns}:deployer`]);
    const token = (await kubectl(['create', 'token', 'deployer', '-n', ns])).trim();
    const config = parse(readFileSync(testKubeconfig(), 'utf8'));
    const limited = join(dirname(manifestFile('')), 'limited.yaml');
    writeFileSync(limited, stringify({ ...config, users: config.users.map((u: any) => ({ name: u.name, user: { token } })) }));
    const file = manifestFile(docs(configMap('settings', ns), `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: ${ns}}`));
    const refused = await runKcc(['apply', '-f', file, '--release', 'limited', '-n', ns, '--kubeconfig', limited], { env: { KCC_HOME: testKccHome() } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`ServiceAccount/${ns}/robot: rejected by the server \\(Forbidden\\)`));
    expect(refused.stderr).toContain('nothing was written');
    expect(await exists(['configmap', 'settings', '-n', ns])).toBe(false);
  });

  it('--atomic removes a failed first install when a write fails after the first one', async () => {
    const ns = 'rel-atomic';
    const kcc = releaseRunner('atomic', 'rel-atomic-home');
    // The namespace comes with the apply, so the server cannot dry-run the Service first; it rejects it when written.
    const file = manifestFile(docs(namespace(ns), configMap('settings', ns), `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  clusterIP: not-an-ip\n  ports: [{port: 80}]`));
    const failed = await kcc(['apply', '-f', file, '--atomic', '--create-namespace']);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('Service/rel-atomic/web: rejected by the server (Invalid)');
    expect(failed.stderr).toContain('--atomic: revision 1 failed; removed what the first install created');
    expect(await exists(['configmap', 'settings', '-n', ns])).toBe(false);
    expect(await kubectl(['get', 'namespace', ns, '-o', 'jsonpath={.status.phase}']).catch(() => 'gone')).toMatch(/Terminating|gone/);
    expect((await history(kcc)).map((r) => r.status)).toEqual(['failed', 'deployed']);
  });
});

describe('immutable objects', () => {
  const ns = 'rel-immutable';
  const kcc = releaseRunner('immutable', ns);
  const secret = (type: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${ns}}\ntype: ${type}\nstringData: {username: admin, password: pw-1}`;
  const frozen = (value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen, namespace: ${ns}}\nimmutable: true\ndata: {value: ${value}}`;

  it('names the field at plan time, and --force-replace recreates the object', async () => {
    expect((await kcc(['apply', '-f', manifestFile(docs(namespace(ns), secret('Opaque'), frozen('a')))])).code).toBe(0);
    const changed = manifestFile(docs(namespace(ns), secret('kubernetes.io/basic-auth'), frozen('b')));
    const refused = await kcc(['apply', '-f', changed]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`Secret/${ns}/creds: type cannot change`));
    expect(refused.stderr).toMatch(new RegExp(`ConfigMap/${ns}/frozen: data\\.value cannot change`));
    expect(refused.stderr).toContain('--force-replace');
    const uid = await kubectl(['get', 'configmap', 'frozen', '-n', ns, '-o', 'jsonpath={.metadata.uid}']);
    const replaced = await kcc(['apply', '-f', changed, '--force-replace']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain(`ConfigMap/${ns}/frozen replaced`);
    expect(await kubectl(['get', 'secret', 'creds', '-n', ns, '-o', 'jsonpath={.type}'])).toBe('kubernetes.io/basic-auth');
    expect(await kubectl(['get', 'configmap', 'frozen', '-n', ns, '-o', 'jsonpath={.data.value}'])).toBe('b');
    expect(await kubectl(['get', 'configmap', 'frozen', '-n', ns, '-o', 'jsonpath={.metadata.uid}'])).not.toBe(uid);
  });
});

describe('secrets stay secret', () => {
  it('masks a non-string value and a value that is part of names, without masking the names', async () => {
    const ns = 'shop-dev';
    const kcc = releaseRunner('shop-secrets', ns);
    const app = (pin: string) =>
      docs(namespace(ns), `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: dev-shop, namespace: ${ns}}`, `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${ns}}\nstringData: {user: shop, pin: ${pin}}`);
    const ok = await kcc(['apply', '-f', manifestFile(app('"1111"'))]);
    expect(ok.code, ok.stderr).toBe(0);
    // A YAML number where the server wants a string: the server's message quotes the value.
    const runs = [await kcc(['apply', '-f', manifestFile(app('98765432')), '--no-validate']), await kcc(['apply', '-f', manifestFile(app('98765432'))]), await kcc(['diff', '-f', manifestFile(app('98765432'))]), await kcc(['apply', '-f', manifestFile(app('98765432')), '--dry-run', '--no-validate']), await kcc(['history', '-o', 'json']), await kcc(['status', '-o', 'json'])];
    for (const run of runs) {
      for (const text of [run.stdout, run.stderr]) {
        expect(text).not.toContain('98765432');
        expect(text).not.toContain(Buffer.from('98765432').toString('base64'));
        expect(text).not.toMatch(/\*\*\*-dev|dev-\*\*\*/);
      }
    }
    expect(runs[0]!.code).toBe(1);
    expect(runs[0]!.stderr).toContain(`Secret/${ns}/creds`);
    const applied = await kcc(['apply', '-f', manifestFile(app('"2222"')), '-o', 'json']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout + applied.stderr).toContain(`Secret/${ns}/creds`);
    expect(applied.stdout + applied.stderr).not.toContain('2222');
  });
});

/** A TCP relay in front of the API server that can drop every connection and refuse new ones. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  constructor(readonly port: number, private readonly target: { host: string; port: number }) {}

  static async start(target: { host: string; port: number }, up: boolean): Promise<Relay> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const relay = new Relay(port, target);
    if (up) await relay.up();
    return relay;
  }

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async down(): Promise<void> {
    const closed = new Promise((resolve) => this.server?.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = undefined;
  }
}

function kubeconfigThrough(relay: Relay): string {
  const config = parse(readFileSync(testKubeconfig(), 'utf8'));
  const file = join(dirname(manifestFile('')), 'relayed.yaml');
  writeFileSync(file, stringify({ ...config, clusters: config.clusters.map((c: any) => ({ ...c, cluster: { ...c.cluster, server: `https://127.0.0.1:${relay.port}` } })) }));
  return file;
}

function apiServer(): { host: string; port: number } {
  const url = new URL(parse(readFileSync(testKubeconfig(), 'utf8')).clusters[0].cluster.server);
  return { host: url.hostname, port: Number(url.port) };
}

describe('connection loss', () => {
  const ns = 'rel-net';
  // minReadySeconds keeps the apply waiting a few seconds after its writes: the window to cut the connection in.
  const app = (image: string) =>
    docs(namespace(ns), configMap('settings', ns), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: 1\n  minReadySeconds: 6\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "${image}"}]}`);

  function applyThrough(kubeconfig: string, file: string, extra: string[] = []) {
    const child = spawn(process.execPath, [KCC_BIN, 'apply', '-f', file, '--release', 'net', '-n', ns, '--kubeconfig', kubeconfig, ...extra], { env: { ...process.env, CI: 'true', KCC_HOME: testKccHome() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<{ code: number; output: string }>((resolve) => child.on('exit', (code) => resolve({ code: code ?? -1, output })));
    return { done, output: () => output };
  }
  const pendingRevision = async () => (await kubectl(['get', 'secrets', '-n', ns, '-l', 'kcc.dev/status=pending', '-o', 'name'])).includes('kcc.release.v1.net');

  it('retries through an API server that is away for a few seconds, mid-apply and at the start', async () => {
    const relay = await Relay.start(apiServer(), false);
    const kubeconfig = kubeconfigThrough(relay);
    try {
      // Down at the start: the first request is refused, then the server comes back.
      const first = applyThrough(kubeconfig, manifestFile(app('nginx:1.25')));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await relay.up();
      const installed = await first.done;
      expect(installed.code, installed.output).toBe(0);
      expect(installed.output).toMatch(/cluster unreachable or overloaded \(ECONNREFUSED\): retrying/);

      // Cut mid-apply, while the rollout is waited for.
      const second = applyThrough(kubeconfig, manifestFile(app('nginx:1.26')));
      await waitUntil(pendingRevision);
      await relay.down();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await relay.up();
      const upgraded = await second.done;
      expect(upgraded.code, upgraded.output).toBe(0);
      expect(upgraded.output).toContain('revision 2 deployed');
    } finally {
      await relay.down().catch(() => undefined);
    }
  });

  it('says the failure could not be recorded when the server stays away, and the next apply records it', async () => {
    const relay = await Relay.start(apiServer(), true);
    const kubeconfig = kubeconfigThrough(relay);
    try {
      const cut = applyThrough(kubeconfig, manifestFile(app('nginx:1.27')), ['--retry-timeout', '3s']);
      await waitUntil(pendingRevision);
      await relay.down();
      const failed = await cut.done;
      expect(failed.code).toBe(2);
      expect(failed.output).toContain('cannot reach the cluster');
      expect(failed.output).toMatch(/revision 3 could not be recorded as failed .*; it stays pending and the next apply marks it failed/);
      expect(await pendingRevision()).toBe(true);

      await relay.up();
      const next = await applyThrough(kubeconfig, manifestFile(app('nginx:1.27'))).done;
      expect(next.code, next.output).toBe(0);
      expect(next.output).toMatch(/revision 3 was left pending by an interrupted apply/);
    } finally {
      await relay.down().catch(() => undefined);
    }
  });
});

describe('a killed apply', () => {
  const ns = 'rel-kill';
  const kcc = releaseRunner('killed', ns);
  // Enough objects that writing and pruning take a moment; one Deployment so there is a wait.
  const app = (version: string, count: number) =>
    docs(
      namespace(ns),
      ...Array.from({ length: count }, (_, i) => configMap(`c-${i}`, ns, version)),
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  replicas: 1\n  minReadySeconds: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "nginx:${version}"}]}`,
    );

  /** Runs an apply and SIGKILLs it as soon as it prints the phase line. */
  function killAt(phase: string, file: string): Promise<string> {
    const child = spawn(process.execPath, [KCC_BIN, 'apply', '-f', file, '--release', 'killed', '-n', ns, '--kubeconfig', testKubeconfig()], { env: { ...process.env, CI: 'true', KCC_HOME: testKccHome() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`» ${phase}:`)) child.kill('SIGKILL');
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    return new Promise((resolve) => child.on('exit', () => resolve(output)));
  }

  it.each([
    ['apply', 'while writing'],
    ['wait', 'while waiting for the rollout'],
    ['prune', 'while pruning'],
  ])('killed at "%s" (%s): the next apply marks the revision failed and converges', async (phase) => {
    expect((await kcc(['apply', '-f', manifestFile(app('1.25', 60))])).code).toBe(0);
    // The prune phase needs something to prune: the killed apply drops half the ConfigMaps.
    const killed = await killAt(phase, manifestFile(app('1.26', 30)));
    expect(killed).toContain(`» ${phase}:`);
    const recovered = await kcc(['apply', '-f', manifestFile(app('1.26', 30))]);
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stderr).toMatch(/revision \d+ was left pending by an interrupted apply/);
    expect(await kubectl(['get', 'deployment', 'web', '-n', ns, '-o', 'jsonpath={.spec.template.spec.containers[0].image}'])).toBe('nginx:1.26');
    expect((await kubectl(['get', 'configmaps', '-n', ns, '-l', 'applyset.kubernetes.io/part-of', '-o', 'name'])).trim().split('\n')).toHaveLength(30);
    const revisions = await history(kcc);
    expect(revisions.slice(-2).map((r) => r.status)).toEqual(['failed', 'deployed']);
  });
});

describe('the release namespace', () => {
  it('is the kubeconfig context\'s when neither -n nor kcc.yaml names one, as kubectl and Helm do', async () => {
    const ns = 'rel-context-ns';
    await kubectl(['create', 'namespace', ns]);
    const config = parse(readFileSync(testKubeconfig(), 'utf8'));
    const kubeconfig = join(dirname(manifestFile('')), 'context-namespace.yaml');
    writeFileSync(kubeconfig, stringify({ ...config, contexts: config.contexts.map((c: any) => ({ ...c, context: { ...c.context, namespace: ns } })) }));
    const file = manifestFile('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "b"}\n');
    const applied = await runKcc(['apply', '-f', file, '--release', 'ctx', '--kubeconfig', kubeconfig], { env: { KCC_HOME: testKccHome() } });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain(`release ctx in namespace ${ns}`);
    expect(await kubectl(['get', 'configmap', 'settings', '-n', ns, '-o', 'jsonpath={.data.a}'])).toBe('b');
    expect(await kubectl(['get', 'secrets', '-n', ns, '-o', 'name'])).toContain('kcc.release.v1.ctx.v1');
    const history = await runKcc(['history', '--release', 'ctx', '--kubeconfig', kubeconfig, '-o', 'json'], { env: { KCC_HOME: testKccHome() } });
    expect(JSON.parse(history.stdout)).toHaveLength(1);
  });
});
