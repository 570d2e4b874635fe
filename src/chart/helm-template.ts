import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KccError } from '../core/errors.js';
import type { KubeObject, SourceLocation, TrackedObject } from '../core/kube-object.js';
import { toYaml } from '../core/serialize.js';
import type { Values } from './values.js';
import { parseYamlDocument } from './yaml-parse.js';

export interface HelmTemplateOptions {
  /** A chart directory, a packaged chart, or a chart reference ("repo/name", "oci://..."). */
  chart: string;
  releaseName: string;
  namespace?: string;
  /** Chart repository URL (helm --repo). */
  repo?: string;
  /** Chart version constraint (helm --version). */
  version?: string;
  values?: Values;
  valueFiles?: string[];
  set?: string[];
  /** Print the chart's crds/ too (helm --include-crds). @default false */
  includeCrds?: boolean;
  /** The helm binary. @default $KCC_HELM, else "helm" on the PATH */
  helmBinary?: string;
  /** Where the request came from, for error messages. */
  location?: SourceLocation;
}

/**
 * Renders an existing Helm chart with the real `helm template` and returns its objects, each
 * sourced at the template file helm names in its "# Source:" comments. helm must be installed;
 * kcc never downloads it.
 */
export async function runHelmTemplate(options: HelmTemplateOptions): Promise<TrackedObject[]> {
  const helm = options.helmBinary ?? process.env.KCC_HELM ?? 'helm';
  const scratch = await mkdtemp(join(tmpdir(), 'kcc-helm-'));
  try {
    const args = ['template', options.releaseName, options.chart, '--namespace', options.namespace ?? 'default'];
    if (options.repo) args.push('--repo', options.repo);
    if (options.version) args.push('--version', options.version);
    for (const file of options.valueFiles ?? []) args.push('--values', file);
    if (options.values && Object.keys(options.values).length) {
      const file = join(scratch, 'values.yaml');
      await writeFile(file, toYaml(options.values));
      args.push('--values', file);
    }
    for (const assignment of options.set ?? []) args.push('--set', assignment);
    if (options.includeCrds) args.push('--include-crds');
    const output = await run(helm, args, options);
    return parseHelmOutput(output, options.chart);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function run(helm: string, args: string[], options: HelmTemplateOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(helm, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new KccError(`cannot render Helm chart ${options.chart}: the helm binary ("${helm}") is not installed`, {
              location: options.location,
              hint: 'install Helm 3 (https://helm.sh/docs/intro/install/) or point KCC_HELM at a helm binary; template charts (TemplateChart) need no helm',
            })
          : new KccError(`cannot run ${helm}: ${error.message}`, { location: options.location }),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(stdout).toString('utf8'));
      else reject(new KccError(`helm template ${options.chart} failed (exit ${code}): ${Buffer.concat(stderr).toString('utf8').trim()}`, { location: options.location }));
    });
  });
}

/** helm's output: documents each preceded by "# Source: <chart>/templates/<file>". */
export function parseHelmOutput(text: string, chart: string): TrackedObject[] {
  const objects: TrackedObject[] = [];
  for (const chunk of text.split(/^---[ \t]*$/m)) {
    const document = parseYamlDocument(chunk);
    const error = document.errors[0];
    if (error) throw new KccError(`helm template ${chart} printed invalid YAML: ${error.message.split('\n')[0]}`);
    const value = document.toJS() as KubeObject | null;
    if (!value) continue;
    const source = /^# Source: (\S+)/m.exec(chunk)?.[1];
    objects.push({ object: value, source: { kind: 'template', file: `helm:${source ?? chart}` }, touchedBy: [] });
  }
  return objects;
}
