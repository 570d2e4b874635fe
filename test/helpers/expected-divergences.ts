import { readFileSync } from 'node:fs';

/**
 * A conformance test's committed list of cases that still differ from the peer tool: one
 * "case<TAB>reason" per line, `#` comments. The list may only shrink.
 */
export function readExpectedDivergences(file: string): Map<string, string> {
  return new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map((line) => [line.split('\t')[0]!.trim(), line.split('\t')[1]?.trim() ?? ''] as const),
  );
}
