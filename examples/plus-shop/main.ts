// A small shop written with kcc's high-level constructs (kcc/plus, exported from 'kcc'): secure
// defaults on every workload (non-root, read-only root filesystem, no privilege escalation, all
// capabilities dropped, resource requests), switched off where a node agent needs root.
//   kcc synth -a examples/plus-shop/main.ts --stdout
import {
  App,
  Chart,
  ClusterRole,
  ConfigMap,
  CronJob,
  DaemonSet,
  Deployment,
  DeploymentStrategy,
  Duration,
  EnvValue,
  HorizontalPodAutoscaler,
  Ingress,
  IngressBackend,
  IngressClass,
  Job,
  LabelExpression,
  LimitRange,
  Metric,
  Namespaces,
  NetworkPolicy,
  NetworkPort,
  Peer,
  PersistentVolume,
  PersistentVolumeSource,
  Pods,
  PriorityClass,
  Probe,
  Resource,
  ResourceQuota,
  Role,
  Secret,
  ServiceAccount,
  StatefulSet,
  StorageClass,
  Subject,
  Toleration,
  Topology,
  Volume,
} from 'kcc';
import * as k8s from 'kcc/k8s';

const app = new App();
const chart = new Chart(app, 'plus-shop', { namespace: 'plus-shop', labels: { 'app.kubernetes.io/part-of': 'plus-shop' } });

// The namespace and its budget: every pod must request resources, and kcc-plus workloads do.
new k8s.Namespace(chart, 'namespace', { metadata: { name: 'plus-shop' } });
new ResourceQuota(chart, 'quota', {
  metadata: { name: 'shop-quota' },
  pods: 30,
  requests: { cpu: '8', memory: '16Gi', storage: '100Gi' },
  objects: { persistentvolumeclaims: 10, 'services.loadbalancers': 0 },
});
new LimitRange(chart, 'limits', {
  metadata: { name: 'shop-limits' },
  container: { defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { memory: '512Mi' }, max: { cpu: '2', memory: '2Gi' } },
});

// Cluster-scoped helpers: a priority for the storefront, a storage class, a static volume.
const high = new PriorityClass(chart, 'priority', { metadata: { name: 'plus-shop-high' }, value: 100000, description: 'storefront pods' });
const local = new StorageClass(chart, 'storage-class', {
  metadata: { name: 'plus-shop-local' },
  provisioner: 'kubernetes.io/no-provisioner',
  volumeBindingMode: 'WaitForFirstConsumer',
});
const uploadsVolume = new PersistentVolume(chart, 'uploads-volume', {
  metadata: { name: 'plus-shop-uploads' },
  storage: '5Gi',
  reclaimPolicy: 'Retain',
  storageClass: local,
  source: PersistentVolumeSource.hostPath('/mnt/plus-shop/uploads', 'DirectoryOrCreate'),
});
const uploads = uploadsVolume.claim(chart, 'uploads-claim', { metadata: { name: 'uploads' } });

// Configuration and credentials.
const config = ConfigMap.fromLiterals(chart, 'config', { LOG_LEVEL: 'info', 'nginx.conf': 'server { listen 8080; }' }, { name: 'shop-config' });
const dbPassword = Secret.fromLiterals(chart, 'db-secret', { password: 'change-me' }, { name: 'db-password' });

// The storefront: an init container waits for the database, a native sidecar ships logs, two
// replicas never share a node, only nodes outside the control plane in zone a or b (AND inside
// one requireNodes, OR across calls).
const web = new Deployment(chart, 'web', {
  metadata: { name: 'storefront' },
  replicas: 2,
  strategy: DeploymentStrategy.rollingUpdate({ maxSurge: 1, maxUnavailable: 0 }),
  priorityClass: high,
  podMetadata: { labels: { tier: 'frontend' } },
});
const logs = Volume.fromEmptyDir('logs');
web.addInitContainer({
  name: 'wait-for-db',
  image: 'busybox:1.37',
  command: ['sh', '-c', 'until nslookup db; do sleep 2; done'],
  securityContext: { runAsUser: 65534 },
});
web
  .addSidecar({ name: 'log-shipper', image: 'fluent/fluent-bit:3.2', securityContext: { runAsUser: 65534 } })
  .mount('/logs', logs, { readOnly: true });
web
  .addContainer({
    name: 'nginx',
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    env: { LOG_LEVEL: EnvValue.fromConfigMap(config, 'LOG_LEVEL'), POD_NAME: EnvValue.fromField('metadata.name') },
    readiness: Probe.httpGet('/', 8080, { period: Duration.seconds(5) }),
    liveness: Probe.tcpSocket(8080, { initialDelay: Duration.seconds(10) }),
    resources: { requests: { cpu: '200m', memory: '128Mi' }, limits: { memory: '256Mi' } },
  })
  .mount('/var/log/nginx', logs)
  .mount('/etc/nginx/conf.d', Volume.fromConfigMap(config, { items: { 'nginx.conf': 'default.conf' } }), { readOnly: true })
  .mount('/tmp', Volume.fromEmptyDir('tmp', { medium: 'Memory' }));
web.scheduling
  .requireNodes(
    LabelExpression.doesNotExist('node-role.kubernetes.io/control-plane'),
    LabelExpression.in('topology.kubernetes.io/zone', ['zone-a', 'zone-b']),
  )
  .requireNodes(LabelExpression.doesNotExist('node-role.kubernetes.io/control-plane'), LabelExpression.exists('plus-shop/any-zone'))
  .preferNodes(20, LabelExpression.in('disktype', ['ssd']))
  .separate(web.pods, { topology: Topology.HOSTNAME });
const storefront = web.expose({ port: 80 });

new HorizontalPodAutoscaler(chart, 'web-autoscaler', {
  metadata: { name: 'storefront' },
  target: web,
  minReplicas: 2,
  maxReplicas: 6,
  metrics: [Metric.cpuUtilization(70)],
});

// The API reads its own pods' logs: a service account with a Role granted to it.
const apiAccount = new ServiceAccount(chart, 'api-account', { metadata: { name: 'shop-api' }, automountToken: true });
new Role(chart, 'api-role', { name: 'shop-api-log-reader' })
  .allowRead(Resource.PODS, Resource.subresource('pods', 'log'))
  .grantAs('shop-api-log-reader', apiAccount);
new ClusterRole(chart, 'node-viewer', { name: 'plus-shop-node-viewer' })
  .allowRead(Resource.NODES)
  .grantAs('plus-shop-node-viewer', Subject.group('plus-shop-ops'));

const api = new Deployment(chart, 'api', {
  metadata: { name: 'api' },
  serviceAccount: apiAccount,
  podMetadata: { labels: { role: 'api' } },
  containers: [
    {
      image: 'ghcr.io/example/shop-api:1.4.0',
      port: 3000,
      envFrom: [config],
      env: { DB_PASSWORD: EnvValue.fromSecret(dbPassword, 'password') },
      readiness: Probe.httpGet('/healthz', 3000),
    },
  ],
});
api.mount('/srv/uploads', uploads.toVolume());
const apiService = api.expose({ port: 80 });

// The database: one claim per pod from the claim template, a headless Service for stable names.
const db = new StatefulSet(chart, 'db', {
  metadata: { name: 'db' },
  containers: [
    {
      image: 'postgres:17',
      port: 5432,
      env: { POSTGRES_PASSWORD: EnvValue.fromSecret(dbPassword, 'password') },
      securityContext: { runAsUser: 999, readOnlyRootFilesystem: false },
    },
  ],
  securityContext: { fsGroup: 999 },
});
db.addVolumeClaimTemplate('data', { storage: '2Gi' }, '/var/lib/postgresql/data');

// A log agent on every node, also the tainted ones: it reads the host's logs, so as root.
const agent = new DaemonSet(chart, 'node-agent', {
  metadata: { name: 'plus-shop-node-agent' },
  secureDefaults: false,
  tolerations: [Toleration.any()],
  containers: [{ image: 'fluent/fluent-bit:3.2', resources: { requests: { cpu: '50m', memory: '64Mi' } } }],
});
agent.mount('/var/log', Volume.fromHostPath('varlog', '/var/log', 'Directory'), { readOnly: true });

// Batch: a one-off migration and a nightly report.
new Job(chart, 'migrate', {
  metadata: { name: 'migrate' },
  backoffLimit: 2,
  ttlAfterFinished: Duration.minutes(30),
  containers: [{ image: 'ghcr.io/example/shop-api:1.4.0', args: ['migrate'], env: { DB_PASSWORD: EnvValue.fromSecret(dbPassword, 'password') } }],
});
new CronJob(chart, 'report', {
  metadata: { name: 'nightly-report' },
  schedule: '0 3 * * *',
  timeZone: 'Etc/UTC',
  concurrencyPolicy: 'Forbid',
  containers: [{ image: 'ghcr.io/example/shop-api:1.4.0', args: ['report'] }],
});

// Traffic: the Ingress, and NetworkPolicies that deny by default and then allow what is needed.
// The throwaway certificate of the ingress example (files are read relative to this program).
const tls = Secret.tls(chart, 'tls', { certFile: '../ingress/tls.crt', keyFile: '../ingress/tls.key' }, { name: 'shop-tls' });
const ingressClass = new IngressClass(chart, 'ingress-class', { metadata: { name: 'plus-shop-nginx' }, controller: 'k8s.io/ingress-nginx' });
const ingress = new Ingress(chart, 'ingress', {
  metadata: { name: 'shop' },
  className: ingressClass,
  defaultBackend: IngressBackend.service(storefront, 80),
});
ingress.addHostRule('shop.example.com', '/', IngressBackend.service(storefront, 80));
ingress.addHostRule('shop.example.com', '/api', IngressBackend.service(apiService, 80));
ingress.addTls(['shop.example.com'], tls);

NetworkPolicy.denyAll(chart, 'default-deny', { metadata: { name: 'default-deny' } });
new NetworkPolicy(chart, 'dns', { metadata: { name: 'allow-dns' }, policyTypes: ['Egress'] }).allowTo(
  Peer.namespaces(Namespaces.named('kube-system')),
  NetworkPort.udp(53),
  NetworkPort.tcp(53),
);
// OR: from the ingress controller's namespace, or from any pod of this namespace labelled role=api.
new NetworkPolicy(chart, 'web-ingress', { metadata: { name: 'storefront-ingress' }, selector: web }).allowFrom(
  [Peer.namespaces(Namespaces.named('ingress-nginx')), Peer.pods(Pods.labeled({ role: 'api' }))],
  NetworkPort.tcp(8080),
);
new NetworkPolicy(chart, 'api-ingress', { metadata: { name: 'api-ingress' }, selector: api }).allowFrom(
  [Peer.pods(web), Peer.namespaces(Namespaces.named('ingress-nginx'))],
  NetworkPort.tcp(3000),
);
// AND: only api pods, and only in this namespace, may reach the database.
new NetworkPolicy(chart, 'db-ingress', { metadata: { name: 'db-ingress' }, selector: db }).allowFrom(
  Peer.podsIn(api, Namespaces.named('plus-shop')),
  NetworkPort.tcp(5432),
);
new NetworkPolicy(chart, 'egress', {
  metadata: { name: 'app-egress' },
  selector: Pods.matching(LabelExpression.in('app', ['storefront', 'api', 'migrate', 'nightly-report'])),
})
  .allowTo(Peer.pods(api), NetworkPort.tcp(3000))
  .allowTo(Peer.pods(db), NetworkPort.tcp(5432));
