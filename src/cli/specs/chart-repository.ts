import type { CommandSpec } from '../command-spec.js';

/** How to reach chart repositories and registries: Helm's flags of the same names. */
const transportFlags = {
  username: { type: 'string', description: 'chart repository or registry username' },
  password: { type: 'string', description: 'chart repository or registry password' },
  'pass-credentials': { type: 'boolean', description: 'send --username/--password to every host chart URLs point at, not only the repository', default: false },
  'ca-file': { type: 'string', description: 'verify HTTPS servers with this CA bundle (PEM)' },
  'cert-file': { type: 'string', description: 'client certificate (PEM) for servers that ask for one' },
  'key-file': { type: 'string', description: 'key (PEM) of --cert-file' },
  'insecure-skip-tls-verify': { type: 'boolean', description: 'skip TLS certificate checks', default: false },
  'plain-http': { type: 'boolean', description: 'talk to OCI registries over plain HTTP', default: false },
  'registry-config': { type: 'string', description: "registry logins (Docker's config.json format); default: Helm's, then ~/.docker/config.json" },
  strict: { type: 'boolean', description: "fail when a download does not match the repository index's digest (default: warn)", default: false },
} as const;

export const chartPullSpec = {
  description: 'Download a chart from a chart repository, an OCI registry or a URL (as `helm pull`)',
  examples: [
    { description: 'The newest release of a chart in a repository', command: '<%= config.bin %> chart pull redis --repo https://charts.example.com' },
    { description: 'A version range, unpacked into charts/', command: '<%= config.bin %> chart pull redis --repo https://charts.example.com --version "^19.0.0" --untar -d charts' },
    { description: 'From an OCI registry (tag or range)', command: '<%= config.bin %> chart pull oci://ghcr.io/org/charts/app --version 1.4.2' },
    { description: 'An archive by URL', command: '<%= config.bin %> chart pull https://example.com/charts/app-1.4.2.tgz' },
  ],
  args: {
    chart: { description: 'oci://HOST/PATH/CHART[:TAG], a .tgz URL, a chart name with --repo, or REPO/CHART of `helm repo add`', required: true },
  },
  flags: {
    version: { type: 'string', description: 'version or constraint (e.g. 1.4.2, ^1.4.0); default: the newest release' },
    devel: { type: 'boolean', description: 'accept prereleases when no --version is given', default: false },
    repo: { type: 'string', description: 'chart repository URL to look the chart up in' },
    destination: { type: 'string', char: 'd', description: 'directory to write the chart to', default: '.' },
    untar: { type: 'boolean', description: 'unpack the chart into <destination>/<chart> instead of keeping the .tgz', default: false },
    output: { type: 'string', char: 'o', description: 'output format', options: ['text', 'json', 'yaml'], default: 'text' },
    ...transportFlags,
  },
} as const satisfies CommandSpec;

const chartArg = { chart: { description: 'chart directory', default: '.' } } as const;

export const dependencyUpdateSpec = {
  description: "Resolve a chart's Chart.yaml dependencies, download them into charts/ and write Chart.lock (as `helm dependency update`)",
  examples: [
    { description: 'Update the chart in the current directory', command: '<%= config.bin %> chart dependency update' },
    { description: 'A chart whose dependencies come from a registry on plain HTTP', command: '<%= config.bin %> chart dependency update charts/shop --plain-http' },
  ],
  args: chartArg,
  flags: { ...transportFlags, output: { type: 'string', char: 'o', description: 'output format', options: ['text', 'json', 'yaml'], default: 'text' } },
} as const satisfies CommandSpec;

export const dependencyBuildSpec = {
  description: 'Download the dependency versions Chart.lock names into charts/ (as `helm dependency build`)',
  examples: [
    { description: 'Rebuild charts/ from the lock, e.g. in CI', command: '<%= config.bin %> chart dependency build charts/shop' },
  ],
  args: chartArg,
  flags: { ...transportFlags, output: { type: 'string', char: 'o', description: 'output format', options: ['text', 'json', 'yaml'], default: 'text' } },
} as const satisfies CommandSpec;

export const dependencyListSpec = {
  description: "List a chart's dependencies and whether charts/ holds a version that satisfies each",
  examples: [
    { description: 'Check a chart before rendering it', command: '<%= config.bin %> chart dependency list charts/shop' },
    { description: 'As JSON', command: '<%= config.bin %> chart dependency list charts/shop -o json' },
  ],
  args: chartArg,
  flags: { output: { type: 'string', char: 'o', description: 'output format', options: ['text', 'json', 'yaml'], default: 'text' } },
} as const satisfies CommandSpec;
