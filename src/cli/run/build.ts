import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../../core/kube-object.js';
import { toJsonList, toYamlStream } from '../../core/serialize.js';
import type { ParsedCommand } from '../command-spec.js';
import type { buildSpec } from '../specs/build.js';

/** `kcc build`: a kustomization (or a kcc project environment) printed as YAML or JSON. */
export async function runBuild({ args, flags }: ParsedCommand<typeof buildSpec>): Promise<void> {
  const restrictor = flags['load-restrictor'] === 'none' || flags['load-restrictor'] === 'LoadRestrictionsNone' ? 'none' : 'rootOnly';
  let objects: KubeObject[];
  const helm = { enabled: flags['enable-helm'], command: flags['helm-command'], apiVersions: flags['helm-api-versions'], kubeVersion: flags['helm-kube-version'] };
  if (flags.env || (existsSync(join(args.dir, 'kcc.yaml')) && !existsSync(join(args.dir, 'kustomization.yaml')))) {
    const { compileProject } = await import('../../project/compile.js');
    const compiled = await compileProject({ dir: args.dir, env: flags.env, loadRestrictor: restrictor, strict: flags.strict || undefined, helm });
    objects = compiled.objects.map((tracked) => tracked.object);
    for (const note of compiled.notes) process.stderr.write(`note: ${note}\n`);
  } else {
    const { buildKustomization } = await import('../../overlay/index.js');
    const built = await buildKustomization(args.dir, { loadRestrictor: restrictor, strict: flags.strict, helm });
    for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
    objects = built.objects.map((tracked) => tracked.object);
  }
  process.stdout.write(flags.output === 'json' ? toJsonList(objects) : toYamlStream(objects));
}
