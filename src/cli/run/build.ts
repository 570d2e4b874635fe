import { toJsonList, toYamlStream } from '../../core/serialize.js';
import type { ParsedCommand } from '../command-spec.js';
import type { buildSpec } from '../specs/build.js';
import { helmOptionsOf, isProjectBuild, loadRestrictorOf, reportOf, runKustomizationBuild } from './build-kustomization.js';

/** `kcc build`: a kustomization (or a kcc project environment) printed as YAML or JSON. */
export async function runBuild(parsed: ParsedCommand<typeof buildSpec>): Promise<void> {
  if (!isProjectBuild(parsed)) return runKustomizationBuild(parsed);
  const { args, flags } = parsed;
  const { compileProject } = await import('../../project/compile.js');
  const report = reportOf(flags);
  const compiled = await report.around(async () => {
    const result = await compileProject({ dir: args.dir, env: flags.env, loadRestrictor: loadRestrictorOf(flags), strict: flags.strict || undefined, helm: helmOptionsOf(flags) });
    for (const note of result.notes) report.add({ severity: 'warning', rule: 'build-note', message: note });
    return result;
  });
  for (const note of compiled.notes) process.stderr.write(`note: ${note}\n`);
  const objects = compiled.objects.map((tracked) => tracked.object);
  process.stdout.write(flags.output === 'json' ? toJsonList(objects) : toYamlStream(objects));
}
