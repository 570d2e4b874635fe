/** What completion needs to know about one command: its words ("cluster up") and its flags. */
export interface CompletableCommand {
  words: string[];
  flags: { name: string; char?: string; description?: string; takesValue: boolean }[];
  description?: string;
}

export type Shell = 'bash' | 'zsh' | 'fish';

/**
 * Shell completion for the command tree: at each position the next command words, then the
 * flags of the command typed so far. The tree is written into the script, so completing starts
 * no Node process (it has to answer within a keystroke).
 */
export function completionScript(shell: Shell, commands: CompletableCommand[], bin = 'kcc'): string {
  return shell === 'fish' ? fishScript(commands, bin) : bashScript(commands, bin, shell === 'zsh');
}

/** For each typed prefix ("", "cluster"): the words that may follow and, for a full command, its flags. */
function choicesByPrefix(commands: CompletableCommand[]): Map<string, Set<string>> {
  const choices = new Map<string, Set<string>>();
  const at = (prefix: string) => choices.get(prefix) ?? choices.set(prefix, new Set()).get(prefix)!;
  for (const command of commands) {
    command.words.forEach((word, i) => at(command.words.slice(0, i).join(' ')).add(word));
    for (const flag of command.flags) at(command.words.join(' ')).add(`--${flag.name}`);
  }
  return choices;
}

function bashScript(commands: CompletableCommand[], bin: string, zsh: boolean): string {
  const fn = `_${bin.replace(/\W/g, '_')}_complete`;
  const choices = [...choicesByPrefix(commands)].sort(([a], [b]) => a.localeCompare(b));
  const known = `|${choices.map(([prefix]) => prefix).join('|')}|`;
  const cases = choices.map(([prefix, words]) => `    "${prefix}") words="${[...words].sort().join(' ')}" ;;`);
  return [
    `# ${bin} completion for ${zsh ? 'zsh' : 'bash'}: add \`source <(${bin} completion ${zsh ? 'zsh' : 'bash'})\` to your ${zsh ? '~/.zshrc' : '~/.bashrc'}`,
    ...(zsh ? ['autoload -U +X compinit && compinit', 'autoload -U +X bashcompinit && bashcompinit'] : []),
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prefix="" candidate word words=""',
    // The longest run of typed words that names a command group or command; flags end it.
    '  for word in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do',
    '    [[ "$word" == -* ]] && break',
    '    candidate="${prefix:+$prefix }$word"',
    `    [[ "${known}" == *"|$candidate|"* ]] || break`,
    '    prefix="$candidate"',
    '  done',
    '  case "$prefix" in',
    ...cases,
    '  esac',
    '  COMPREPLY=($(compgen -W "$words" -- "$cur"))',
    '}',
    `complete -o default -F ${fn} ${bin}`,
    '',
  ].join('\n');
}

function fishScript(commands: CompletableCommand[], bin: string): string {
  const lines = [`# ${bin} completion for fish: \`${bin} completion fish > ~/.config/fish/completions/${bin}.fish\``, `complete -c ${bin} -f`];
  const quote = (text = '') => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  for (const command of commands) {
    const parents = command.words.slice(0, -1);
    const word = command.words[command.words.length - 1]!;
    const condition = parents.length ? `__fish_seen_subcommand_from ${parents[parents.length - 1]}` : '__fish_use_subcommand';
    lines.push(`complete -c ${bin} -n ${quote(condition)} -a ${word} -d ${quote(command.description?.split('\n')[0])}`);
    for (const flag of command.flags) {
      lines.push(`complete -c ${bin} -n ${quote(`__fish_seen_subcommand_from ${word}`)} -l ${flag.name}${flag.char ? ` -s ${flag.char}` : ''}${flag.takesValue ? ' -r' : ''} -d ${quote(flag.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
