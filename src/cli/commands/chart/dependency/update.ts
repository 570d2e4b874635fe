import { specCommand } from '../../../spec-command.js';
import { runDependencyUpdate } from '../../../run/chart-repository.js';
import { dependencyUpdateSpec } from '../../../specs/chart-repository.js';

export default specCommand(dependencyUpdateSpec, runDependencyUpdate);
