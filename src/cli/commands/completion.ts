import * as Args from '@oclif/core/args';
import { KccCommand } from '../base-command.js';
import { completionScript, type Shell } from '../completion-script.js';

export default class Completion extends KccCommand {
  static override description = 'Print a shell completion script for bash, zsh or fish';

  static override examples = [
    { description: 'bash: complete kcc commands and flags in every new shell', command: 'echo \'source <(<%= config.bin %> completion bash)\' >> ~/.bashrc' },
    { description: 'zsh', command: 'echo \'source <(<%= config.bin %> completion zsh)\' >> ~/.zshrc' },
    { description: 'fish', command: '<%= config.bin %> completion fish > ~/.config/fish/completions/<%= config.bin %>.fish' },
  ];

  static override args = { shell: Args.string({ description: 'the shell', options: ['bash', 'zsh', 'fish'], required: true }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    const commands = this.config.commands
      .filter((c) => !c.hidden)
      .map((c) => ({
        words: c.id.split(':'),
        description: c.summary ?? c.description,
        flags: Object.entries(c.flags).filter(([, f]) => !f.hidden).map(([name, f]) => ({ name, char: f.char, description: f.summary ?? f.description, takesValue: f.type === 'option' })),
      }))
      .sort((a, b) => a.words.join(' ').localeCompare(b.words.join(' ')));
    process.stdout.write(completionScript(args.shell as Shell, commands, this.config.bin));
  }
}
