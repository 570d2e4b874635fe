// Entry of dist/bundles/template.cjs (scripts/bundle.js): `kcc template` and everything it loads
// in one file, so its start-up reads one module instead of about sixty. Self-contained on
// purpose, errors included: a KccError of the bundle's own copy must be reported by the same copy.
import { runCommandLine } from '../run-command-line.js';
import { runTemplate } from '../run/template.js';
import { templateSpec } from '../specs/template.js';

export function runTemplateCommand(argv: readonly string[]): Promise<boolean> {
  return runCommandLine(templateSpec, runTemplate, argv);
}
