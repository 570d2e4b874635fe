import { describe, expect, it } from 'vitest';
import { parse } from '@oclif/core/parser';
import type { CommandSpec } from '../../../src/cli/command-spec.js';
import { leanParse } from '../../../src/cli/lean-parse.js';
import { oclifArgs, oclifFlags } from '../../../src/cli/oclif-flags.js';
import { buildSpec } from '../../../src/cli/specs/build.js';
import { synthSpec } from '../../../src/cli/specs/synth.js';
import { templateSpec } from '../../../src/cli/specs/template.js';
import { validateSpec } from '../../../src/cli/specs/validate.js';

/** What oclif itself makes of a command line, from the same spec: the reference for the fast path. */
async function oclifParse(spec: CommandSpec, argv: string[]) {
  const output = await parse(argv, { flags: oclifFlags(spec.flags), args: oclifArgs(spec.args), strict: spec.strict ?? true });
  return { args: output.args, flags: output.flags, argv: output.argv };
}

// Every flag defaults to what oclif reports when it is absent (undefined for unset options).
function withAllFlags(spec: CommandSpec, flags: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(spec.flags).map((name) => [name, flags[name]]));
}

const accepted: [string, CommandSpec, string[]][] = [
  ['template, defaults', templateSpec, ['charts/webapp']],
  ['template, every kind of flag', templateSpec, ['charts/webapp', '-f', 'a.yaml', '--values=b.yaml', '-fc.yaml', '--set', 'x=1', '--set', 'y=2', '--set-string', 'p=0123', '--name', 'shop', '-n', 'prod', '--no-validate', '--canonical', '--notes']],
  ['template, flags before the argument', templateSpec, ['--name', 'shop', 'charts/webapp', '--output-dir', 'out']],
  ['template, a value that starts with a dash', templateSpec, ['charts/webapp', '--set=extraArgs[0]=--appendonly']],
  ['synth, defaults', synthSpec, []],
  ['synth, short flags and an option', synthSpec, ['-a', 'main.ts', '--stdout', '-o', 'json', '--single-file', '--typecheck', '-C', 'dir', '-e', 'prod']],
  ['build, defaults', buildSpec, []],
  ['build, a directory and options', buildSpec, ['overlays/dev', '--load-restrictor', 'none', '--output=json']],
  ['validate, several paths', validateSpec, ['a.yaml', 'dir/', '-', '--strict', '-o', 'json']],
];

describe('leanParse (the start-up fast path) reads a command line as oclif does', () => {
  for (const [title, spec, argv] of accepted) {
    it(title, async () => {
      const lean = leanParse(spec, argv);
      const reference = await oclifParse(spec, argv);
      expect(lean).toBeDefined();
      expect(lean!.args).toEqual(reference.args);
      expect(withAllFlags(spec, lean!.flags)).toEqual(withAllFlags(spec, reference.flags));
      expect(lean!.argv).toEqual(reference.argv);
    });
  }
});

const handedToOclif: [string, CommandSpec, string[]][] = [
  ['an unknown flag', templateSpec, ['charts/webapp', '--bogus']],
  ['help', templateSpec, ['charts/webapp', '--help']],
  ['short help', synthSpec, ['-h']],
  ['a missing required argument', templateSpec, []],
  ['a value outside the options', synthSpec, ['-o', 'xml']],
  ['a flag without its value', templateSpec, ['charts/webapp', '--name']],
  ['--no- on a flag that does not allow it', templateSpec, ['charts/webapp', '--no-canonical']],
  ['an extra argument', buildSpec, ['a', 'b']],
];

describe('leanParse leaves everything unusual to oclif (its messages and help)', () => {
  for (const [title, spec, argv] of handedToOclif) {
    it(title, async () => {
      expect(leanParse(spec, argv)).toBeUndefined();
      // oclif either rejects the same command line or (help) handles it itself.
      if (!argv.some((a) => a === '--help' || a === '-h')) await expect(oclifParse(spec, argv)).rejects.toThrow();
    });
  }
});
