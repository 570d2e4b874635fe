/**
 * Commands' arguments and flags as plain data, with no oclif import: the oclif command classes
 * build their flags from it (oclif-flags.ts), and the start-up fast path (fast-path.ts) parses
 * the same table with node:util, so a data command does not pay oclif's ~0.1 s start-up.
 */
export interface StringFlagSpec {
  readonly type: 'string';
  readonly char?: string;
  readonly description: string;
  readonly default?: string;
  readonly multiple?: boolean;
  readonly options?: readonly string[];
}

export interface BooleanFlagSpec {
  readonly type: 'boolean';
  readonly char?: string;
  readonly description: string;
  readonly default?: boolean;
  /** Accept `--no-<name>` to turn a default-true flag off. */
  readonly allowNo?: boolean;
}

export type FlagSpec = StringFlagSpec | BooleanFlagSpec;

export interface ArgSpec {
  readonly description: string;
  readonly required?: boolean;
  readonly default?: string;
}

export interface CommandExample {
  readonly description: string;
  readonly command: string;
}

export interface CommandSpec {
  readonly description: string;
  readonly examples: readonly (CommandExample | string)[];
  readonly args: Readonly<Record<string, ArgSpec>>;
  readonly flags: Readonly<Record<string, FlagSpec>>;
  /** false: more positional arguments than `args` names are accepted (they arrive in `argv`). */
  readonly strict?: boolean;
}

type FlagValue<F extends FlagSpec> = F extends BooleanFlagSpec
  ? boolean
  : F extends { multiple: true }
    ? string[] | undefined
    : F extends { default: string }
      ? string
      : string | undefined;

type ArgValue<A extends ArgSpec> = A extends { required: true } ? string : A extends { default: string } ? string : string | undefined;

/** What a command's run function receives, whichever parser produced it. */
export interface ParsedCommand<S extends CommandSpec> {
  args: { [K in keyof S['args']]: ArgValue<S['args'][K]> };
  flags: { [K in keyof S['flags']]: FlagValue<S['flags'][K]> };
  /** Every positional argument, in order (the declared args first). */
  argv: string[];
}
