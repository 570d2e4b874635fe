import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { KccError } from '../../core/errors.js';
import { readKubernetesPin } from '../controlplane-pin.js';
import { mergeIntoUserKubeconfig, singleContextKubeconfig, writeKubeconfig, type KubeconfigDocument } from '../kubeconfig.js';
import { assertClusterName, type ClusterInfo, type ClusterProvider, type ClusterStatus, type ProgressListener, type UpOptions } from '../provider.js';
import { clustersDir } from '../state-home.js';
import { apiRequest, probe, type ClientCredentials } from './cluster-client.js';
import { componentArgs, healthUrl, KUBERNETES_SERVICE_IP, stateLayout, type ClusterPorts, type StateLayout } from './component-args.js';
import { COMPONENTS, resolveControlplaneBinaries, type Component, type ControlplaneBinaries } from './controlplane-binaries.js';
import { kwokConfigYaml, simulatedNode } from './kwok-config.js';
import { installSchedulerConfig } from './scheduler-config.js';
import { pkiComplete, pkiPaths, type PkiPaths } from './pki-paths.js';
import { assertPortFree, freePort } from './ports.js';
import { isOurProcess, readPid, removePidFile, startProcess, stopProcess } from './processes.js';

/** What survives between runs in <state>/state.json. */
interface ClusterState {
  name: string;
  kubernetes: string;
  ports: ClusterPorts;
  nodes: number;
  createdAt: string;
  /** Scheduler profiles from --scheduler-config, kept for later restarts. */
  schedulerNames?: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LocalProviderOptions {
  /** Binaries from kcc.yaml (`cluster.binaries`), passed through to the resolver. */
  binaries?: Partial<Record<Component | 'controlplane', string>>;
  /** How long to wait for the cluster to become ready. @default 120000 */
  readyTimeoutMs?: number;
}

/**
 * The bundled control plane: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and
 * kwok as local processes, with all state in one directory per cluster.
 */
export class LocalProvider implements ClusterProvider {
  readonly name = 'local' as const;

  constructor(private readonly options: LocalProviderOptions = {}) {}

  stateDir(name: string): string {
    return join(clustersDir(), name);
  }

  async up(options: UpOptions): Promise<ClusterInfo> {
    assertClusterName(options.name);
    const progress = options.onProgress ?? (() => undefined);
    const layout = stateLayout(this.stateDir(options.name));
    const isNew = !existsSync(layout.dir);
    await mkdir(layout.dir, { recursive: true });
    const release = await acquireClusterLock(layout, options.name);
    try {
      return await this.upLocked(options, layout, progress);
    } catch (error) {
      // A cluster that never got as far as its state file leaves nothing behind.
      if (isNew && !existsSync(layout.stateFile)) await rm(layout.dir, { recursive: true, force: true });
      throw error;
    } finally {
      await release();
    }
  }

  private async upLocked(options: UpOptions, layout: StateLayout, progress: ProgressListener): Promise<ClusterInfo> {
    const started = Date.now();
    const pki = pkiPaths(layout.dir);
    let state = loadState(layout, options.name);
    if (state && state.kubernetes !== readKubernetesPin().kubernetes) {
      throw new KccError(`cluster "${options.name}" was created with Kubernetes ${state.kubernetes}, but kcc now runs ${readKubernetesPin().kubernetes}`, {
        hint: `recreate it: kcc cluster down --purge --name ${options.name} && kcc cluster up --name ${options.name}`,
      });
    }
    const wantedNodes = options.nodes ?? state?.nodes ?? 1;
    if (!Number.isInteger(wantedNodes) || wantedNodes < 0 || wantedNodes > 1000) {
      throw new KccError(`--nodes must be a whole number from 0 to 1000, got ${options.nodes}`);
    }

    if (state) {
      const running = COMPONENTS.filter((component) => isOurProcess(readPid(pidFile(layout, component)), layout.dir));
      if (running.length === COMPONENTS.length && !options.schedulerConfig && (await this.apiserverReady(layout, pki, state.ports))) {
        if (wantedNodes > state.nodes) {
          await this.ensureNodes(layout, pki, state.ports, wantedNodes, progress);
          state = { ...state, nodes: wantedNodes };
          await saveState(layout, state);
          await this.waitForNodes(layout, pki, state.ports, wantedNodes, Date.now() + this.readyTimeout(), progress);
        }
        const info = this.info(options.name, layout, state, true);
        if (options.setContext) await mergeIntoUserKubeconfig(this.kubeconfigDocument(options.name, state, pki));
        return info;
      }
      if (running.length > 0 && running.length < COMPONENTS.length) progress({ step: `repairing cluster "${options.name}"`, detail: `not running: ${COMPONENTS.filter((c) => !running.includes(c)).join(', ')}` });
    }

    const binaries = await resolveControlplaneBinaries({ configured: this.options.binaries, onProgress: progress });

    if (!state) {
      progress({ step: `creating cluster "${options.name}"`, detail: layout.dir });
      state = {
        name: options.name,
        kubernetes: readKubernetesPin().kubernetes,
        ports: await allocatePorts(options.apiPort),
        nodes: wantedNodes,
        createdAt: new Date().toISOString(),
      };
      await this.writeClusterFiles(layout, pki, state);
      await saveState(layout, state);
    } else {
      if (!pkiComplete(pki)) {
        throw new KccError(`the state directory of cluster "${options.name}" is damaged: certificates are missing in ${pki.dir}`, {
          hint: `delete and recreate it: kcc cluster down --purge --name ${options.name}`,
        });
      }
      if (options.apiPort && options.apiPort !== state.ports.apiserver) {
        throw new KccError(`cluster "${options.name}" already uses API port ${state.ports.apiserver}; --api-port ${options.apiPort} cannot change it`, { hint: 'omit --api-port, or recreate the cluster with --purge' });
      }
      state = { ...state, nodes: Math.max(wantedNodes, state.nodes) };
      // Re-write derived files: they are cheap and this repairs a half-written directory.
      await this.writeDerivedFiles(layout, pki, state);
      await saveState(layout, state);
    }

    if (options.schedulerConfig) {
      const schedulerNames = await installSchedulerConfig(options.schedulerConfig, layout.schedulerConfig, layout.schedulerKubeconfig);
      state = { ...state, schedulerNames };
      await saveState(layout, state);
      // A running scheduler keeps its old profiles: restart it with the new file.
      const pid = readPid(pidFile(layout, 'kube-scheduler'));
      if (isOurProcess(pid, layout.dir)) await stopProcess(pid!, layout.dir);
    }

    const startedNow: Component[] = [];
    const deadline = Date.now() + this.readyTimeout();
    try {
      await this.startComponent('etcd', binaries, layout, pki, state, startedNow, progress);
      await this.waitHealthy('etcd', layout, state.ports, deadline, progress);
      await this.startComponent('kube-apiserver', binaries, layout, pki, state, startedNow, progress);
      await this.waitFor('API server ready', deadline, progress, 'kube-apiserver', layout, () => this.apiserverReady(layout, pki, state.ports));
      const later: Component[] = ['kube-controller-manager', 'kube-scheduler', 'kwok'];
      for (const component of later) if (binaries.commands[component]) await this.startComponent(component, binaries, layout, pki, state, startedNow, progress);
      if (binaries.commands.kwok) await this.ensureNodes(layout, pki, state.ports, state.nodes, progress);
      await Promise.all(
        (['kube-controller-manager', 'kube-scheduler'] as const).filter((c) => binaries.commands[c]).map((component) => this.waitHealthy(component, layout, state.ports, deadline, progress)),
      );
      if (binaries.commands['kube-controller-manager']) {
        await this.waitFor('default ServiceAccount created', deadline, progress, 'kube-controller-manager', layout, async () => (await apiRequest(this.credentials(layout, pki, state.ports), 'GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200);
      }
      if (binaries.commands.kwok) await this.waitForNodes(layout, pki, state.ports, state.nodes, deadline, progress);
    } catch (error) {
      progress({ step: 'start-up failed; stopping the processes started by this run' });
      for (const component of [...startedNow].reverse()) {
        const pid = readPid(pidFile(layout, component));
        if (pid) await stopProcess(pid, layout.dir, 5000);
        await removePidFile(pidFile(layout, component));
      }
      throw error;
    }
    if (options.setContext) await mergeIntoUserKubeconfig(this.kubeconfigDocument(options.name, state, pki));
    progress({ step: `cluster "${options.name}" is ready`, elapsedMs: Date.now() - started });
    return this.info(options.name, layout, state, false);
  }

  private readyTimeout(): number {
    return this.options.readyTimeoutMs ?? 120_000;
  }

  private info(name: string, layout: StateLayout, state: ClusterState, alreadyRunning: boolean): ClusterInfo {
    return { name, provider: 'local', kubeconfigPath: layout.adminKubeconfig, server: serverUrl(state.ports), alreadyRunning };
  }

  // Start-up polls the API server every 100 ms: read the certificates once per cluster, not per poll.
  private readonly credentialCache = new Map<string, ClientCredentials>();

  private credentials(layout: StateLayout, pki: PkiPaths, ports: ClusterPorts): ClientCredentials {
    const server = serverUrl(ports);
    const cached = this.credentialCache.get(layout.dir);
    if (cached?.server === server) return cached;
    const credentials = { server, ca: readFileSync(pki.caCert, 'utf8'), cert: readFileSync(pki.adminCert, 'utf8'), key: readFileSync(pki.adminKey, 'utf8') };
    this.credentialCache.set(layout.dir, credentials);
    return credentials;
  }

  private async apiserverReady(layout: StateLayout, pki: PkiPaths, ports: ClusterPorts): Promise<boolean> {
    try {
      return (await apiRequest(this.credentials(layout, pki, ports), 'GET', '/readyz', undefined, 2000)).status === 200;
    } catch {
      return false;
    }
  }

  private kubeconfigDocument(name: string, state: ClusterState, pki: PkiPaths, user: 'admin' | 'controller-manager' | 'scheduler' = 'admin'): KubeconfigDocument {
    const certs = { admin: [pki.adminCert, pki.adminKey], 'controller-manager': [pki.controllerManagerCert, pki.controllerManagerKey], scheduler: [pki.schedulerCert, pki.schedulerKey] }[user];
    return singleContextKubeconfig({
      context: `kcc-${name}`,
      server: serverUrl(state.ports),
      caPem: readFileSync(pki.caCert, 'utf8'),
      certPem: readFileSync(certs[0]!, 'utf8'),
      keyPem: readFileSync(certs[1]!, 'utf8'),
    });
  }

  private async writeClusterFiles(layout: StateLayout, pki: PkiPaths, state: ClusterState): Promise<void> {
    // Loaded on demand: the X.509 library is only needed when a cluster is created.
    const { generatePki } = await import('./pki.js');
    await generatePki(pki, KUBERNETES_SERVICE_IP);
    await this.writeDerivedFiles(layout, pki, state);
  }

  private async writeDerivedFiles(layout: StateLayout, pki: PkiPaths, state: ClusterState): Promise<void> {
    for (const dir of [layout.logsDir, layout.pidsDir, layout.certsDir, layout.etcdData]) await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeKubeconfig(layout.adminKubeconfig, this.kubeconfigDocument(state.name, state, pki));
    await writeKubeconfig(layout.controllerManagerKubeconfig, this.kubeconfigDocument(state.name, state, pki, 'controller-manager'));
    await writeKubeconfig(layout.schedulerKubeconfig, this.kubeconfigDocument(state.name, state, pki, 'scheduler'));
    await writeFile(layout.kwokConfig, kwokConfigYaml());
  }

  private async startComponent(component: Component, binaries: ControlplaneBinaries, layout: StateLayout, pki: PkiPaths, state: ClusterState, startedNow: Component[], progress: ProgressListener): Promise<void> {
    const command = binaries.commands[component];
    if (!command) return;
    const pid = readPid(pidFile(layout, component));
    if (isOurProcess(pid, layout.dir)) return;
    await removePidFile(pidFile(layout, component));
    const ports = state.ports;
    const port = { etcd: ports.etcdClient, 'kube-apiserver': ports.apiserver, 'kube-controller-manager': ports.controllerManager, 'kube-scheduler': ports.scheduler, kwok: ports.kwok }[component];
    await assertPortFree(port, `${component} of cluster "${state.name}"`, `stop whatever listens on ${port} (\`ss -ltnp 'sport = :${port}'\` shows it), or recreate the cluster with \`kcc cluster down --purge --name ${state.name}\` to pick new ports`);
    if (component === 'etcd') await assertPortFree(ports.etcdPeer, `etcd peer port of cluster "${state.name}"`, `stop whatever listens on ${ports.etcdPeer}, or recreate the cluster with --purge`);
    progress({ step: `starting ${component}` });
    await startProcess({
      command: command.path,
      args: [...command.prefixArgs, ...componentArgs(component, layout, pki, ports, { schedulerConfig: existsSync(layout.schedulerConfig) })],
      logFile: join(layout.logsDir, `${component}.log`),
      pidFile: pidFile(layout, component),
    });
    startedNow.push(component);
  }

  private async waitHealthy(component: Component, layout: StateLayout, ports: ClusterPorts, deadline: number, progress: ProgressListener): Promise<void> {
    await this.waitFor(`${component} healthy`, deadline, progress, component, layout, () => probe(healthUrl(component, ports)));
  }

  /** Polls until check() holds; fails fast with the component's log when its process died. */
  private async waitFor(what: string, deadline: number, progress: ProgressListener, component: Component, layout: StateLayout, check: () => Promise<boolean>): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (await check().catch(() => false)) {
        progress({ step: what, elapsedMs: Date.now() - started });
        return;
      }
      if (!isOurProcess(readPid(pidFile(layout, component)), layout.dir)) {
        throw new KccError(`${component} exited while kcc waited for: ${what}. Last lines of ${join(layout.logsDir, `${component}.log`)}:\n${tail(join(layout.logsDir, `${component}.log`), 12)}`, {
          hint: `see the whole log with: kcc cluster logs --name ${basename(layout.dir)} --component ${component}`,
        });
      }
      if (Date.now() > deadline) {
        throw new KccError(`timed out waiting for: ${what}`, { hint: `check the component logs: kcc cluster logs --name ${basename(layout.dir)}` });
      }
      await sleep(100);
    }
  }

  private async ensureNodes(layout: StateLayout, pki: PkiPaths, ports: ClusterPorts, count: number, progress: ProgressListener): Promise<void> {
    const credentials = this.credentials(layout, pki, ports);
    const names = Array.from({ length: count }, (_, index) => `kwok-node-${index}`);
    const created = await Promise.all(
      names.map(async (name) => {
        const result = await apiRequest(credentials, 'POST', '/api/v1/nodes', simulatedNode(name));
        if (result.status !== 201 && result.status !== 409) throw new KccError(`could not create simulated node ${name}: HTTP ${result.status} ${result.body.slice(0, 300)}`);
        return result.status === 201;
      }),
    );
    const fresh = created.filter(Boolean).length;
    if (fresh) progress({ step: `registered ${fresh} simulated node(s)` });
  }

  private async waitForNodes(layout: StateLayout, pki: PkiPaths, ports: ClusterPorts, count: number, deadline: number, progress: ProgressListener): Promise<void> {
    const credentials = this.credentials(layout, pki, ports);
    await this.waitFor(`${count} node(s) Ready`, deadline, progress, 'kwok', layout, async () => readyNodeCount(credentials).then((ready) => ready >= count));
  }

  async down(name: string, options: { purge?: boolean; onProgress?: ProgressListener } = {}): Promise<void> {
    assertClusterName(name);
    const layout = stateLayout(this.stateDir(name));
    if (!existsSync(layout.dir)) {
      throw new KccError(`there is no local cluster named "${name}"`, { hint: 'list the clusters with `kcc cluster list`' });
    }
    const progress = options.onProgress ?? (() => undefined);
    // Reverse start order: the API server's clients go first, etcd last, so nothing logs errors about a vanished dependency.
    for (const component of [...COMPONENTS].reverse()) {
      const pid = readPid(pidFile(layout, component));
      if (isOurProcess(pid, layout.dir)) {
        progress({ step: `stopping ${component}`, detail: `pid ${pid}` });
        await stopProcess(pid!, layout.dir);
      }
      await removePidFile(pidFile(layout, component));
    }
    if (options.purge) {
      await rm(layout.dir, { recursive: true, force: true });
      progress({ step: `deleted cluster "${name}" and its data` });
    } else {
      progress({ step: `stopped cluster "${name}"`, detail: 'its data is kept; `kcc cluster up` starts it again, `--purge` deletes it' });
    }
  }

  async status(name: string): Promise<ClusterStatus> {
    assertClusterName(name);
    const layout = stateLayout(this.stateDir(name));
    if (!existsSync(layout.dir)) throw new KccError(`there is no local cluster named "${name}"`, { hint: 'list the clusters with `kcc cluster list`, or create it with `kcc cluster up --name ' + name + '`' });
    const state = loadState(layout, name);
    const components = COMPONENTS.map((component) => {
      const pid = readPid(pidFile(layout, component));
      const running = isOurProcess(pid, layout.dir);
      return { name: component, running, ...(running ? { pid } : {}) };
    });
    const runningCount = components.filter((c) => c.running).length;
    const status: ClusterStatus = {
      name,
      provider: 'local',
      state: runningCount === COMPONENTS.length ? 'running' : runningCount === 0 ? 'stopped' : 'degraded',
      components,
      ...(state ? { server: serverUrl(state.ports), kubeconfigPath: layout.adminKubeconfig } : {}),
    };
    if (state && components.find((c) => c.name === 'kube-apiserver')?.running) {
      const pki = pkiPaths(layout.dir);
      try {
        const result = await apiRequest(this.credentials(layout, pki, state.ports), 'GET', '/api/v1/nodes', undefined, 3000);
        if (result.status === 200) status.nodes = nodeReadiness(JSON.parse(result.body));
      } catch {
        status.state = 'degraded';
      }
    }
    return status;
  }

  async list(): Promise<ClusterStatus[]> {
    const dir = clustersDir();
    if (!existsSync(dir)) return [];
    const names = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    const result: ClusterStatus[] = [];
    for (const name of names) {
      try {
        result.push(await this.status(name));
      } catch {
        result.push({ name, provider: 'local', state: 'stopped', components: [] });
      }
    }
    return result;
  }

  async kubeconfig(name: string): Promise<string> {
    assertClusterName(name);
    const layout = stateLayout(this.stateDir(name));
    if (!existsSync(layout.adminKubeconfig)) throw new KccError(`there is no local cluster named "${name}"`, { hint: `create it with \`kcc cluster up --name ${name}\`` });
    return layout.adminKubeconfig;
  }

  async logs(name: string, options: { component?: string; tail?: number } = {}): Promise<string> {
    assertClusterName(name);
    const layout = stateLayout(this.stateDir(name));
    if (!existsSync(layout.dir)) throw new KccError(`there is no local cluster named "${name}"`, { hint: 'list the clusters with `kcc cluster list`' });
    const components = options.component ? [options.component] : COMPONENTS;
    for (const component of components) {
      if (!COMPONENTS.includes(component as Component)) throw new KccError(`unknown component "${component}"`, { hint: `choose one of ${COMPONENTS.join(', ')}` });
    }
    const sections: string[] = [];
    for (const component of components) {
      const file = join(layout.logsDir, `${component}.log`);
      const text = existsSync(file) ? tail(file, options.tail ?? 50) : '(no log yet)';
      sections.push(components.length > 1 ? `==> ${component} <==\n${text}` : text);
    }
    return sections.join('\n\n');
  }
}

function pidFile(layout: StateLayout, component: Component): string {
  return join(layout.pidsDir, `${component}.pid`);
}

function serverUrl(ports: ClusterPorts): string {
  return `https://127.0.0.1:${ports.apiserver}`;
}

function tail(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function allocatePorts(apiPort?: number): Promise<ClusterPorts> {
  if (apiPort !== undefined) {
    if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65535) throw new KccError(`--api-port must be a port number (1-65535), got ${apiPort}`);
    await assertPortFree(apiPort, 'requested API server port', 'choose another --api-port, or omit it to let kcc pick a free port');
  }
  const ports = new Set<number>(apiPort ? [apiPort] : []);
  const next = async () => {
    for (;;) {
      const port = await freePort();
      if (!ports.has(port)) {
        ports.add(port);
        return port;
      }
    }
  };
  return { apiserver: apiPort ?? (await next()), etcdClient: await next(), etcdPeer: await next(), controllerManager: await next(), scheduler: await next(), kwok: await next() };
}

function loadState(layout: StateLayout, name: string): ClusterState | undefined {
  if (!existsSync(layout.stateFile)) {
    if (existsSync(layout.dir) && readdirSync(layout.dir).some((entry) => entry !== '.lock')) {
      throw new KccError(`the state directory of cluster "${name}" is damaged: ${layout.stateFile} is missing`, { hint: `delete and recreate it: kcc cluster down --purge --name ${name}` });
    }
    return undefined;
  }
  try {
    const state = JSON.parse(readFileSync(layout.stateFile, 'utf8')) as ClusterState;
    if (!state.ports?.apiserver || !state.ports.etcdClient) throw new Error('ports are missing');
    return state;
  } catch (error) {
    throw new KccError(`the state directory of cluster "${name}" is damaged: ${layout.stateFile} cannot be read (${(error as Error).message})`, {
      hint: `delete and recreate it: kcc cluster down --purge --name ${name}`,
    });
  }
}

async function saveState(layout: StateLayout, state: ClusterState): Promise<void> {
  const temporary = `${layout.stateFile}.tmp`;
  await writeFile(temporary, JSON.stringify(state, null, 2) + '\n');
  await rename(temporary, layout.stateFile);
}

interface NodeList {
  items?: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

function nodeReadiness(list: NodeList): { name: string; ready: boolean }[] {
  return (list.items ?? []).map((node) => ({ name: node.metadata.name, ready: Boolean(node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) }));
}

async function readyNodeCount(credentials: ClientCredentials): Promise<number> {
  const result = await apiRequest(credentials, 'GET', '/api/v1/nodes');
  if (result.status !== 200) return 0;
  return nodeReadiness(JSON.parse(result.body)).filter((node) => node.ready).length;
}

/** One `up`/`down` at a time per cluster; a lock left by a dead process is taken over. */
async function acquireClusterLock(layout: StateLayout, name: string): Promise<() => Promise<void>> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      const handle = await open(layout.lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(layout.lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt((await readFile(layout.lockFile, 'utf8').catch(() => '')).trim(), 10);
      let alive = false;
      try {
        if (holder) process.kill(holder, 0);
        alive = Boolean(holder);
      } catch {
        alive = false;
      }
      if (!alive) {
        await rm(layout.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new KccError(`cluster "${name}" is busy: process ${holder} is starting or stopping it`, { hint: 'wait for it to finish, or stop that process' });
      await sleep(250);
    }
  }
}
