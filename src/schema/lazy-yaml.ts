import { createRequire } from 'node:module';

/**
 * The `yaml` library, loaded on first use. It costs ~50 ms to import, and the paths that run most
 * (a chart rendered by the fast reader, objects validated without errors) never need it: it is the
 * fallback for unusual YAML, error messages and node positions. For Node it is a CommonJS module,
 * so this is the same instance a static `import ... from 'yaml'` elsewhere gets.
 */
const lazyRequire = createRequire(import.meta.url);
let library: typeof import('yaml') | undefined;

export function yamlLibrary(): typeof import('yaml') {
  library ??= lazyRequire('yaml') as typeof import('yaml');
  return library;
}
