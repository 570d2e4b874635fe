import type { ParsedCommand } from '../command-spec.js';
import { printData } from '../print-data.js';
import type { chartPullSpec, dependencyBuildSpec, dependencyListSpec, dependencyUpdateSpec } from '../specs/chart-repository.js';

type TransportFlags = ParsedCommand<typeof dependencyUpdateSpec>['flags'];

function fetchOptions(flags: TransportFlags) {
  return {
    username: flags.username,
    password: flags.password,
    passCredentials: flags['pass-credentials'],
    caFile: flags['ca-file'],
    certFile: flags['cert-file'],
    keyFile: flags['key-file'],
    insecureSkipTlsVerify: flags['insecure-skip-tls-verify'],
    plainHttp: flags['plain-http'],
    registryConfig: flags['registry-config'],
    strict: flags.strict,
  };
}

// Progress goes to stderr, so -o json on stdout stays parseable.
const progress = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export async function runChartPull({ args, flags }: ParsedCommand<typeof chartPullSpec>): Promise<void> {
  const { pullChart } = await import('../../chart/repository/pull-chart.js');
  const { version, devel, repo, destination, untar } = flags;
  const result = await pullChart(args.chart, { ...fetchOptions(flags), version, devel, repo, destination, untar });
  printData(flags.output, result, () => `pulled ${result.source} (version ${result.version}) to ${result.path}`);
}

export async function runDependencyUpdate({ args, flags }: ParsedCommand<typeof dependencyUpdateSpec>): Promise<void> {
  const { updateDependencies } = await import('../../chart/repository/dependency-manager.js');
  const result = await updateDependencies(args.chart, { ...fetchOptions(flags), log: progress });
  printData(flags.output, result, () => summary(args.chart, result));
}

export async function runDependencyBuild({ args, flags }: ParsedCommand<typeof dependencyBuildSpec>): Promise<void> {
  const { buildDependencies } = await import('../../chart/repository/dependency-manager.js');
  const result = await buildDependencies(args.chart, { ...fetchOptions(flags), log: progress });
  printData(flags.output, result, () => summary(args.chart, result));
}

export async function runDependencyList({ args, flags }: ParsedCommand<typeof dependencyListSpec>): Promise<void> {
  const { listDependencies } = await import('../../chart/repository/dependency-manager.js');
  const dependencies = await listDependencies(args.chart);
  printData(flags.output, dependencies, () => {
    if (!dependencies.length) return `${args.chart} has no dependencies`;
    const rows = [['NAME', 'VERSION', 'REPOSITORY', 'STATUS'], ...dependencies.map((d) => [d.name, d.version, d.repository, d.status])];
    const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
  });
}

function summary(chart: string, result: { lockWritten: boolean; archives: string[]; removed: string[] }): string {
  const lines = [
    ...result.archives.map((file) => `saved ${file}`),
    ...result.removed.map((file) => `removed ${file} (no dependency needs it)`),
    result.lockWritten ? `wrote ${chart}/Chart.lock` : `${chart}/Chart.lock is up to date`,
  ];
  return lines.join('\n');
}
