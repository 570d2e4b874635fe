/**
 * How a plain (unquoted) YAML scalar is read under YAML 1.1 as kcc reads manifests (see
 * chart/yaml-parse.ts): the same patterns, in the same order, as the `yaml` library's 1.1 schema, minus
 * timestamps and base-60 numbers. fast-yaml.ts uses this; a test checks both agree.
 */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN = /^[-+]?0b[0-1_]+$/;
const INT_OCT = /^[-+]?0[0-7_]+$/;
const INT_DEC = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;
// Only text starting with one of these characters can be anything but a string.
const MAYBE_TYPED_FIRST: boolean[] = [];
for (const char of '-+.0123456789~nNyYtTfFoO') MAYBE_TYPED_FIRST[char.charCodeAt(0)] = true;

function integer(text: string, skip: number, radix: number): number {
  const negative = text[0] === '-';
  const body = text.slice(text[0] === '-' || text[0] === '+' ? skip + 1 : skip).replace(/_/g, '');
  const value = parseInt(body, radix);
  return negative ? -1 * value : value;
}

// Rendered charts repeat the same keys and values thousands of times ("name", "targetPort", "80",
// "true"), and a key starting with n, t, f, o or y goes through every pattern below before it is
// known to be a string. Results are immutable primitives, so they are remembered (boundedly).
const resolved = new Map<string, unknown>();
const MAX_REMEMBERED = 20_000;

export function resolvePlainScalar(text: string): unknown {
  if (text.length > 0 && !MAYBE_TYPED_FIRST[text.charCodeAt(0)]) return text;
  if (text.length > 64) return resolveTyped(text);
  const known = resolved.get(text);
  if (known !== undefined || resolved.has(text)) return known;
  const value = resolveTyped(text);
  if (resolved.size >= MAX_REMEMBERED) resolved.clear();
  resolved.set(text, value);
  return value;
}

function resolveTyped(text: string): unknown {
  if (NULL.test(text)) return null;
  if (TRUE.test(text)) return true;
  if (FALSE.test(text)) return false;
  if (INT_BIN.test(text)) return integer(text, 2, 2);
  if (INT_OCT.test(text)) return integer(text, 1, 8);
  if (INT_DEC.test(text)) return integer(text, 0, 10);
  if (INT_HEX.test(text)) return integer(text, 2, 16);
  if (FLOAT_NAN.test(text)) return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text.replace(/_/g, ''));
  return text;
}
