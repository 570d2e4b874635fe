import { specCommand } from '../../../spec-command.js';
import { runDependencyBuild } from '../../../run/chart-repository.js';
import { dependencyBuildSpec } from '../../../specs/chart-repository.js';

export default specCommand(dependencyBuildSpec, runDependencyBuild);
