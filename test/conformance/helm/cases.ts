/**
 * The chart conformance cases, as data: each renders one chart of ./charts with the same flags
 * under `helm template` and `kcc template`. Every values file a chart ships under ci/ is used by
 * at least one case (the test checks it), as public charts use their ci/ files.
 */

/** Flags given identically to both tools (helm and kcc spell them the same). */
export interface RenderFlags {
  release: string;
  namespace?: string;
  /** Values files, relative to the chart directory. */
  values?: string[];
  set?: string[];
  setString?: string[];
  setJson?: string[];
  /** key=path, the path relative to the chart directory. */
  setFile?: string[];
  apiVersions?: string[];
  kubeVersion?: string;
  includeCrds?: boolean;
  skipTests?: boolean;
  isUpgrade?: boolean;
}

export interface RenderCase extends RenderFlags {
  /** A directory under ./charts. */
  chart: string;
}

export interface ErrorCase extends RenderCase {
  /** Text that helm's error contains (checked, so the case itself cannot rot). */
  message: string;
  /**
   * What kcc's error must say. By default helm's message itself: a chart's own `required` and
   * `fail` messages reach the user verbatim. Where the message is the tool's own (schema, missing
   * dependency, library chart), kcc may word it its own way but must name the same facts.
   */
  kccSays?: (string | RegExp)[];
  /** The template and line helm names (chart-relative, as `shop/templates/x.yaml:12`), when it names one. */
  at?: string;
}

export const RENDER_CASES: RenderCase[] = [
  // The app chart: library, subcharts under aliases, globals, conditions, tags, import-values, hooks, CRDs.
  { chart: 'shop', release: 'shop' },
  { chart: 'shop', release: 'storefront', namespace: 'retail', values: ['ci/production-values.yaml'], includeCrds: true },
  { chart: 'shop', release: 'mini', values: ['ci/minimal-values.yaml'], skipTests: true },
  { chart: 'shop', release: 'shop', kubeVersion: '1.20.5', set: ['autoscaling.enabled=true,autoscaling.targetMemory=75'], isUpgrade: true },
  {
    chart: 'shop',
    release: 'overrides',
    values: ['ci/production-values.yaml', 'ci/minimal-values.yaml'],
    set: ['env.CACHE_TTL=600', 'service.ports[0].name=web,service.ports[0].port=8000', 'global.environment=qa'],
    setString: ['image.tag=010'],
    setJson: ['config.limits={"maxItems":7,"ratio":0.5}'],
    setFile: ['podAnnotations.banner=files/app.properties'],
  },
  // A field left null by a values file (toYaml prints it; helm keeps it).
  { chart: 'null-fields', release: 'nulls' },
  // An old cluster: the chart picks a beta API that kcc's pinned schemas no longer serve.
  { chart: 'legacy-apis', release: 'old', kubeVersion: '1.20.0' },
  { chart: 'legacy-apis', release: 'new' },
  // Exporter style: its own helpers, ServiceMonitor and PrometheusRule behind Capabilities.APIVersions.
  { chart: 'exporter', release: 'sql' },
  {
    chart: 'exporter',
    release: 'orders',
    namespace: 'observability',
    values: ['ci/monitoring-values.yaml'],
    apiVersions: ['monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/PrometheusRule'],
  },
  // Database style: statefulsets, secrets, many configmaps, on the library chart.
  { chart: 'datastore', release: 'db' },
  { chart: 'datastore', release: 'orders', namespace: 'data', values: ['ci/replication-values.yaml'] },
  { chart: 'datastore', release: 'legacy', values: ['ci/existing-secret-values.yaml'], kubeVersion: '1.21.0' },
  // Web server style: server blocks from values through tpl, on the library chart.
  { chart: 'webserver', release: 'web' },
  { chart: 'webserver', release: 'site', values: ['ci/server-block-values.yaml'] },
  { chart: 'webserver', release: 'site', values: ['ci/git-clone-values.yaml'], kubeVersion: '1.18.0' },
  // Demo-app style: HPA, Certificate and ServiceMonitor gated by the cluster's APIs; an apiVersion v1 chart.
  { chart: 'webinfo', release: 'demo' },
  { chart: 'webinfo', release: 'demo', values: ['ci/full-values.yaml'], apiVersions: ['monitoring.coreos.com/v1', 'cert-manager.io/v1'] },
  { chart: 'webinfo', release: 'demo', values: ['ci/full-values.yaml'], kubeVersion: '1.23.0' },
];

/** Charts whose NOTES.txt is compared with what `kcc template --notes` prints. */
export const NOTES_CASES: RenderCase[] = [
  { chart: 'shop', release: 'shop', namespace: 'retail' },
  { chart: 'shop', release: 'shop', values: ['ci/production-values.yaml'] },
  { chart: 'datastore', release: 'db', values: ['ci/existing-secret-values.yaml'] },
  { chart: 'exporter', release: 'sql', values: ['ci/monitoring-values.yaml'] },
  { chart: 'webinfo', release: 'demo', values: ['ci/full-values.yaml'] },
];

export const ERROR_CASES: ErrorCase[] = [
  {
    chart: 'webserver',
    release: 'web',
    set: ['cloneStaticSiteFromGit.enabled=true'],
    message: 'cloneStaticSiteFromGit.repository is required',
    at: 'webserver/templates/deployment.yaml:31',
  },
  {
    chart: 'datastore',
    release: 'db',
    set: ['architecture=replication'],
    message: 'replication-password must be set: auth.replicationPassword',
    at: 'datastore/templates/primary/statefulset.yaml:25',
  },
  {
    chart: 'datastore',
    release: 'db',
    set: ['architecture=cluster'],
    message: 'Invalid architecture "cluster": use "standalone" or "replication".',
    at: 'datastore/templates/validate.yaml:1',
  },
  {
    chart: 'datastore',
    release: 'db',
    set: ['primary.resourcesPreset=huge'],
    message: "ERROR: Preset key 'huge' invalid. Allowed values are large,nano,small",
    at: 'datastore/templates/primary/statefulset.yaml:84',
  },
  {
    chart: 'shop',
    release: 'shop',
    set: ['image.pullPolicy=Sometimes'],
    message: 'image.pullPolicy must be one of the following',
    kccSays: ['shop', /image[./]pullPolicy/, /IfNotPresent/],
  },
  {
    chart: 'shop',
    release: 'shop',
    set: ['replicaCount=-2'],
    message: 'replicaCount: Must be greater than or equal to 0',
    kccSays: ['shop', /replicaCount/, /greater than or equal to 0|minimum/i],
  },
  {
    chart: 'shop',
    release: 'shop',
    kubeVersion: '1.19.0',
    message: 'chart requires kubeVersion: >=1.20.0-0 which is incompatible with Kubernetes v1.19.0',
    kccSays: ['>=1.20.0-0', /v?1\.19\.0/],
  },
  {
    chart: 'needs-deps',
    release: 'r',
    message: 'found in Chart.yaml, but missing in charts/ directory: cache, metrics-agent',
    // Which dependencies are missing, and how to fetch them.
    kccSays: ['cache', 'metrics-agent', /dependency (update|build)/],
  },
  {
    chart: 'broken',
    release: 'r',
    message: 'function "shoutLoudly" not defined',
    kccSays: ['shoutLoudly', /not defined/],
    at: 'broken/templates/configmap.yaml:7',
  },
  { chart: 'common', release: 'r', message: 'library charts are not installable', kccSays: [/library chart/, /not installable|cannot be rendered/] },
];

/**
 * The random and time-based values of charts/randomized: each must have this shape in kcc's
 * output (checked against helm's output first, so a wrong rule fails too). Everything else in
 * the chart is compared exactly.
 */
export const RANDOM_SHAPES: Record<string, RegExp> = {
  'data/password': /^[A-Za-z0-9]{16}$/,
  'data/letters': /^[A-Za-z]{8}$/,
  'data/digits': /^[0-9]{6}$/,
  'data/ascii': /^[\x20-\x7e]{12}$/,
  'data/ca.crt': /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
  'data/tls.crt': /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
  'data/self.crt': /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n$/,
  'data/tls.key': /^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n$/,
  'data/rsa.key': /^-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END RSA PRIVATE KEY-----\n$/,
  'data/ecdsa.key': /^-----BEGIN EC PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END EC PRIVATE KEY-----\n$/,
  'data/htpasswd': /^admin:\$2a\$10\$[./A-Za-z0-9]{53}$/,
  'stringData/uuid': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  'stringData/today': /^\d{4}-\d{2}-\d{2}$/,
  'stringData/unix': /^\d{10}$/,
  'stringData/shuffled': /^(?!.*(.).*\1)[a-f]{6}$/,
};
