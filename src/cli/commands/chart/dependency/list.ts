import { specCommand } from '../../../spec-command.js';
import { runDependencyList } from '../../../run/chart-repository.js';
import { dependencyListSpec } from '../../../specs/chart-repository.js';

export default specCommand(dependencyListSpec, runDependencyList);
