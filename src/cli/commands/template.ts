import { specCommand } from '../spec-command.js';
import { runTemplate } from '../run/template.js';
import { templateSpec } from '../specs/template.js';

export default specCommand(templateSpec, runTemplate);
