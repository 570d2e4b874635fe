import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Construct } from 'constructs';
import { KccError } from '../core/errors.js';
import { Include } from './include.js';
import { Names } from './names.js';
import { Yaml } from './yaml.js';

const MAX_HELM_OUTPUT = 10 * 1024 * 1024;
/** Helm's limit on release names. */
const MAX_RELEASE_NAME = 53;

export interface HelmProps {
  /** A chart directory, packaged chart, or reference ("repo/name" with `repo`). */
  readonly chart: string;
  readonly repo?: string;
  readonly version?: string;
  readonly namespace?: string;
  /** @default derived from the construct path */
  readonly releaseName?: string;
  readonly values?: { [key: string]: any };
  /** @default "helm" */
  readonly helmExecutable?: string;
  readonly helmFlags?: string[];
}

/**
 * A Helm chart rendered by the real `helm template`, its objects included as ApiObjects (as
 * cdk8s's `Helm`: synchronously, in the constructor, because the API hands the objects out right
 * away). kcc's own `HelmChart` in `kcc/chart` renders at synth instead.
 */
export class Helm extends Include {
  readonly releaseName: string;

  constructor(scope: Construct, id: string, props: HelmProps) {
    const workdir = mkdtempSync(join(tmpdir(), 'kcc-cdk8s-helm-'));
    const args = ['template'];
    if (props.values && Object.keys(props.values).length > 0) {
      const valuesFile = join(workdir, 'overrides.yaml');
      writeFileSync(valuesFile, Yaml.stringify(props.values));
      args.push('-f', valuesFile);
    }
    if (props.repo) args.push('--repo', props.repo);
    if (props.version) args.push('--version', props.version);
    if (props.namespace) args.push('--namespace', props.namespace);
    if (props.helmFlags) args.push(...props.helmFlags);
    const releaseName = props.releaseName ?? Names.toDnsLabel(scope, { maxLen: MAX_RELEASE_NAME, extra: [id] });
    args.push(releaseName, props.chart);
    const output = join(workdir, 'chart.yaml');
    writeFileSync(output, renderTemplate(props.helmExecutable ?? 'helm', args));
    super(scope, id, { url: output });
    this.releaseName = releaseName;
  }
}

function renderTemplate(helm: string, args: string[]): Buffer {
  const result = spawnSync(helm, args, { maxBuffer: MAX_HELM_OUTPUT });
  if (result.error) {
    if (result.error.message.includes('ENOENT')) {
      throw new KccError(`unable to execute '${helm}' to render Helm chart. Is it installed on your system?`, { hint: 'install helm, or set helmExecutable' });
    }
    throw new KccError(`error while rendering a helm chart: ${result.error.message}`);
  }
  if (result.status !== 0) throw new KccError(`helm template failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}
