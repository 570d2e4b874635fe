import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { completionScript, type CompletableCommand } from '../../../src/cli/completion-script.js';

const commands: CompletableCommand[] = [
  { words: ['apply'], description: 'Deploy', flags: [{ name: 'dry-run', takesValue: false }, { name: 'env', char: 'e', takesValue: true, description: "the environment's name" }] },
  { words: ['cluster', 'up'], flags: [{ name: 'nodes', takesValue: true }] },
  { words: ['cluster', 'down'], flags: [{ name: 'purge', takesValue: false }] },
  { words: ['synth'], flags: [] },
];

/** Completes `line` (the words before the cursor, then the word being typed) in a real bash. */
function completeInBash(words: string[]): string[] {
  const script = completionScript('bash', commands);
  const program = `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kcc_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

describe('completionScript', () => {
  it('completes commands, command groups and their flags in bash', () => {
    expect(completeInBash(['kcc', ''])).toEqual(['apply', 'cluster', 'synth']);
    expect(completeInBash(['kcc', 'cl'])).toEqual(['cluster']);
    expect(completeInBash(['kcc', 'cluster', ''])).toEqual(['down', 'up']);
    expect(completeInBash(['kcc', 'cluster', 'down', '--'])).toEqual(['--purge']);
    expect(completeInBash(['kcc', 'apply', '--dry-run', '--e'])).toEqual(['--env']);
  });

  it('writes fish completions with conditions and quoted descriptions, and zsh through bashcompinit', () => {
    const fish = completionScript('fish', commands);
    expect(fish).toContain("complete -c kcc -n '__fish_use_subcommand' -a apply -d 'Deploy'");
    expect(fish).toContain("complete -c kcc -n '__fish_seen_subcommand_from cluster' -a up");
    expect(fish).toContain("-l env -s e -r -d 'the environment\\'s name'");
    expect(completionScript('zsh', commands)).toContain('bashcompinit');
  });
});
