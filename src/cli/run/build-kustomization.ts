import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HelmOptions, LoadRestrictor } from '../../overlay/index.js';
import { buildKustomization } from '../../overlay/index.js';
import { toJsonList, toYamlStream } from '../../core/serialize.js';
import type { ParsedCommand } from '../command-spec.js';
import type { buildSpec } from '../specs/build.js';
import { CommandReport } from '../report.js';

type BuildCommand = ParsedCommand<typeof buildSpec>;

/** A kcc project environment (kcc.yaml) rather than a plain kustomization: it runs the user's program. */
export function isProjectBuild({ args, flags }: BuildCommand): boolean {
  return Boolean(flags.env) || (existsSync(join(args.dir, 'kcc.yaml')) && !existsSync(join(args.dir, 'kustomization.yaml')));
}

export function loadRestrictorOf(flags: BuildCommand['flags']): LoadRestrictor {
  return flags['load-restrictor'] === 'none' || flags['load-restrictor'] === 'LoadRestrictionsNone' ? 'none' : 'rootOnly';
}

export function helmOptionsOf(flags: BuildCommand['flags']): HelmOptions {
  return { enabled: flags['enable-helm'], command: flags['helm-command'], apiVersions: flags['helm-api-versions'], kubeVersion: flags['helm-kube-version'] };
}

/** `kcc build DIR` on a kustomization: kustomize build, warnings on stderr. */
export async function runKustomizationBuild({ args, flags }: BuildCommand): Promise<void> {
  const report = reportOf(flags);
  const built = await report.around(async () => {
    const result = await buildKustomization(args.dir, { loadRestrictor: loadRestrictorOf(flags), strict: flags.strict, helm: helmOptionsOf(flags) });
    for (const warning of result.warningDetails) report.warning('build-warning', warning);
    return result;
  });
  for (const warning of built.warnings) process.stderr.write(`warning: ${warning}\n`);
  const objects = built.objects.map((tracked) => tracked.object);
  process.stdout.write(flags.output === 'json' ? toJsonList(objects) : toYamlStream(objects));
}

export function reportOf(flags: BuildCommand['flags']): CommandReport {
  return new CommandReport('build', flags.report as 'sarif' | 'junit' | 'github' | undefined, flags['report-file']);
}
