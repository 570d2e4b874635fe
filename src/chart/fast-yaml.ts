/** Placeholder until the fast path exists: undefined means "use the full parser". */
export function parseFastYaml(_text: string): unknown {
  return undefined;
}
