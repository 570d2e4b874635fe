import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import type { AlphabetLowercase, AlphabetUppercase, ArgInput, FlagInput } from '@oclif/core/interfaces';
import type { ArgSpec, CommandSpec, FlagSpec } from './command-spec.js';

/** oclif flag definitions from a CommandSpec's table (see command-spec.ts). */
export function oclifFlags(flags: CommandSpec['flags']): FlagInput {
  return Object.fromEntries(Object.entries(flags).map(([name, flag]) => [name, oclifFlag(flag)])) as FlagInput;
}

function oclifFlag(flag: FlagSpec) {
  const char = flag.char as AlphabetLowercase | AlphabetUppercase | undefined;
  if (flag.type === 'boolean') return Flags.boolean({ char, description: flag.description, default: flag.default ?? false, allowNo: flag.allowNo ?? false });
  const base = { char, description: flag.description, options: flag.options ? [...flag.options] : undefined };
  if (flag.multiple) return Flags.string({ ...base, multiple: true });
  return flag.default === undefined ? Flags.string(base) : Flags.string({ ...base, default: flag.default });
}

export function oclifArgs(args: CommandSpec['args']): ArgInput {
  return Object.fromEntries(Object.entries(args).map(([name, arg]) => [name, oclifArg(arg)])) as ArgInput;
}

function oclifArg(arg: ArgSpec) {
  if (arg.default !== undefined) return Args.string({ description: arg.description, default: arg.default });
  return arg.required ? Args.string({ description: arg.description, required: true }) : Args.string({ description: arg.description });
}
