import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);

/** Prints structured data in the chosen format; `text` falls back to the given renderer. */
export function printData(format: string | undefined, data: unknown, renderText: () => string): void {
  if (format === 'json') process.stdout.write(JSON.stringify(data, null, 2) + '\n');
  // Loaded on demand: most runs print text or JSON, and every start-up millisecond counts.
  else if (format === 'yaml') process.stdout.write((requireModule('yaml') as typeof import('yaml')).stringify(data));
  else {
    const text = renderText();
    if (text) process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }
}
