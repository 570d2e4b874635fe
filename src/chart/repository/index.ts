// Chart repositories (index.yaml over HTTP), OCI registries and Chart.lock: how kcc fetches the
// charts a Chart.yaml depends on, as `helm dependency update` and `helm pull` do.
export { buildDependencies, listDependencies, updateDependencies, type DependencyOptions, type DependencyStatus, type DependencyUpdateResult } from './dependency-manager.js';
export { formatChartLock, lockDigest, readChartLock, type ChartLock, type LockDependency } from './chart-lock.js';
export { ChartFetcher, type FetchedChart, type FetchOptions } from './fetch-chart.js';
export { OciRegistryClient, parseOciReference, HELM_CHART_CONTENT_MEDIA_TYPE, HELM_CONFIG_MEDIA_TYPE, type OciReference } from './oci-registry.js';
export { pullChart, type PullOptions, type PullResult } from './pull-chart.js';
export type { TransportOptions } from './transport.js';
