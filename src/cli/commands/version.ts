import { specCommand } from '../spec-command.js';
import { runVersion } from '../run/version.js';
import { versionSpec } from '../specs/version.js';

export default specCommand(versionSpec, runVersion);
