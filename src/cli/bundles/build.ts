// Entry of dist/bundles/build.cjs (scripts/bundle.js): `kcc build` of a plain kustomization in one
// file. A kcc project build runs the user's program, which imports kcc's own modules: it must not
// get a second copy of the library from the bundle, so that case returns 'project' and runs unbundled.
import { runCommandLine } from '../run-command-line.js';
import { isProjectBuild, runKustomizationBuild } from '../run/build-kustomization.js';
import { buildSpec } from '../specs/build.js';

export async function runBuildCommand(argv: readonly string[]): Promise<boolean | 'project'> {
  let project = false;
  const handled = await runCommandLine(
    buildSpec,
    async (parsed) => {
      if (isProjectBuild(parsed)) project = true;
      else await runKustomizationBuild(parsed);
    },
    argv,
  );
  return project ? 'project' : handled;
}
