import { readFileSync } from 'node:fs';
import { KccError } from '../core/errors.js';
import { readValuesFile } from './load-chart.js';
import { applySetArgument } from './set-values.js';
import { cloneValues, mergeValues, type Values } from './values.js';

/** Values given by whoever installs a chart, lowest precedence first. */
export interface UserValueSources {
  /** The environment's values (kcc.yaml), below every file and flag. */
  values?: Values;
  /** `-f` files, each over the previous. */
  valueFiles?: string[];
  /** `--set a.b=1,c[0]=x`: typed values, over the files. */
  set?: string[];
  /** `--set-string`: values kept as strings, over --set. */
  setString?: string[];
  /** `--set-file key=path`: the file's content, over --set-string. */
  setFile?: string[];
}

/**
 * Layers the user's values in Helm's order: environment values < `-f` files in order < `--set` <
 * `--set-string` < `--set-file`. The result still holds nulls; they delete chart defaults when it
 * is coalesced with the chart's values.yaml.
 */
export async function collectUserValues(sources: UserValueSources): Promise<Values> {
  let values: Values = cloneValues(sources.values ?? {});
  for (const file of sources.valueFiles ?? []) values = mergeValues(values, await readValuesFile(file));
  for (const text of sources.set ?? []) applySetArgument(values, text, 'typed');
  for (const text of sources.setString ?? []) applySetArgument(values, text, 'string');
  for (const text of sources.setFile ?? []) applySetArgument(values, text, 'file', readSetFile);
  return values;
}

function readSetFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new KccError(`--set-file: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
