import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandSpec, ParsedCommand } from './command-spec.js';

/**
 * Parses a command line against a CommandSpec with node:util, for the start-up fast path.
 * Returns undefined for anything it does not handle exactly as oclif would (help, an unknown or
 * malformed flag, a value outside `options`, a missing argument): the caller then runs oclif,
 * whose messages and help the user gets.
 */
export function leanParse<S extends CommandSpec>(spec: S, argv: readonly string[]): ParsedCommand<S> | undefined {
  if (argv.some((token) => token === '--help' || token === '-h')) return undefined;
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    options[name] = { type: flag.type, ...(flag.char ? { short: flag.char } : {}), ...(flag.type === 'string' && flag.multiple ? { multiple: true } : {}) };
  }
  // `--no-x` only for flags that allow it; oclif rejects it elsewhere.
  for (const token of argv) {
    if (!token.startsWith('--no-')) continue;
    const flag = spec.flags[token.slice(5)];
    if (!flag || flag.type !== 'boolean' || !flag.allowNo) return undefined;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, allowNegative: true, strict: true });
  } catch {
    return undefined;
  }
  const flags: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    const value = parsed.values[name];
    if (flag.type === 'boolean') {
      flags[name] = value === undefined ? (flag.default ?? false) : value;
      continue;
    }
    if (value === undefined) {
      flags[name] = flag.default;
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string' || (flag.options && !flag.options.includes(v)))) return undefined;
    flags[name] = flag.multiple ? values : values[values.length - 1];
  }
  const names = Object.keys(spec.args);
  if (spec.strict !== false && parsed.positionals.length > names.length) return undefined;
  const args: Record<string, string | undefined> = {};
  for (const [index, name] of names.entries()) {
    const arg = spec.args[name]!;
    const value = parsed.positionals[index] ?? arg.default;
    if (value === undefined && arg.required) return undefined;
    args[name] = value;
  }
  // Like oclif: the declared arguments (defaults included), then any further ones.
  const declared = names.map((name) => args[name]).filter((value): value is string => value !== undefined);
  return { args, flags, argv: [...declared, ...parsed.positionals.slice(names.length)] } as ParsedCommand<S>;
}
