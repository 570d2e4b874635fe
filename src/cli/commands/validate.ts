import { specCommand } from '../spec-command.js';
import { runValidate } from '../run/validate.js';
import { validateSpec } from '../specs/validate.js';

export default specCommand(validateSpec, runValidate);
