import { specCommand } from '../spec-command.js';
import { runBuild } from '../run/build.js';
import { buildSpec } from '../specs/build.js';

export default specCommand(buildSpec, runBuild);
