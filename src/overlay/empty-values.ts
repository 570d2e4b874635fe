import { isMap, isPair, isScalar, LineCounter, parseAllDocuments, visit } from 'yaml';

/**
 * Where a manifest writes a key with no value at all (`matchLabels:` and nothing after it), as
 * opposed to an explicit `null` or `~`. Both parse to null, but kustomize's strategic merge drops
 * the empty ones from the object it patches and keeps the explicit ones, so the difference has to
 * be remembered. Only paths through mappings are kept: that is where kustomize's merge walks.
 *
 * Returns, per document (keyed by the line its content starts on), the key paths of its empty
 * values. Parsing is done only when asked, for files whose objects a patch touches.
 */
export function emptyValuePaths(text: string): Map<number, string[][]> {
  if (!mayHaveEmptyValues(text)) return new Map();
  const lineCounter = new LineCounter();
  const byLine = new Map<number, string[][]>();
  for (const doc of parseAllDocuments(text, { lineCounter, prettyErrors: false })) {
    const start = doc.contents?.range?.[0];
    if (start === undefined || doc.errors.length) continue;
    const paths: string[][] = [];
    visit(doc, {
      Scalar(_key, node, path) {
        if (node.value !== null || node.source !== '') return;
        const parent = path[path.length - 1];
        if (!isPair(parent) || parent.value !== node) return;
        const keys: string[] = [];
        for (const step of path) {
          if (isPair(step)) {
            if (!isScalar(step.key)) return;
            keys.push(String(step.key.value));
          } else if (!isMap(step) && step !== doc) return;
        }
        paths.push(keys);
      },
    });
    if (paths.length) byLine.set(lineCounter.linePos(start).line, paths);
  }
  return byLine;
}

/**
 * A line scan that rules out empty values without a full parse (a generated file of thousands of
 * objects costs the YAML parser most of a second): a line ending in `key:` holds an empty value
 * unless the next content line is indented deeper or is a list item at the same indentation.
 * Anything it cannot rule out (a colon inside a block scalar, say) goes to the full parse.
 */
export function mayHaveEmptyValues(text: string): boolean {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/:[ \t]*(#.*)?\r?$/.test(line) || /^\s*#/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    let next = i + 1;
    while (next < lines.length && /^\s*(#.*)?\r?$/.test(lines[next]!)) next++;
    if (next === lines.length) return true;
    const following = lines[next]!;
    const followingIndent = following.length - following.trimStart().length;
    const listItemHere = followingIndent === indent && /^\s*-(\s|$)/.test(following) && !/^\s*- /.test(line.slice(0, indent + 2));
    if (followingIndent <= indent && !listItemHere) return true;
  }
  return false;
}

/** Deletes the fields at these paths that are still null. */
export function dropEmptyValues(object: unknown, paths: string[][]): void {
  for (const path of paths) {
    let node = object as Record<string, unknown> | undefined;
    for (const key of path.slice(0, -1)) {
      const next = node?.[key];
      node = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : undefined;
    }
    const last = path[path.length - 1]!;
    if (node && node[last] === null) delete node[last];
  }
}
