import type { Hook } from '@oclif/core/hooks';
import { closestMatch } from '../../schema/edit-distance.js';

/**
 * A mistyped command gets the nearest real one, as git and kubectl do ("did you mean"), and exit
 * code 2 for CI. Commands are compared in the form users type them ("cluster up").
 */
const hook: Hook<'command_not_found'> = async function (options) {
  const typed = options.id.replace(/:/g, ' ');
  const commands = options.config.commands.filter((c) => !c.hidden).map((c) => c.id.replace(/:/g, ' '));
  const suggestion = closestMatch(typed, commands);
  const hint = suggestion ? `\n  hint: did you mean "${options.config.bin} ${suggestion}"?` : `\n  hint: ${options.config.bin} --help lists the commands`;
  process.stderr.write(`error: unknown command "${typed}"${hint}\n`);
  process.exit(2);
};

export default hook;
