import { parseYaml } from '../yaml-parse.js';
import { toYaml as emitYaml } from '../../core/serialize.js';
import { toText } from './values-semantics.js';

function indentLines(spaces: number, value: unknown): string {
  const pad = ' '.repeat(Math.max(0, spaces));
  return pad + toText(value).replace(/\n/g, `\n${pad}`);
}

/**
 * Helpers that move data in and out of text. `toYaml` drops the trailing newline as Helm's does,
 * so `{{nindent 4 (toYaml Values.resources)}}` lines up without a blank line after it.
 */
export const yamlHelpers: Record<string, (...args: any[]) => unknown> = {
  toYaml: (value: unknown) => (value === undefined ? '' : emitYaml(value).replace(/\n$/, '')),
  toJson: (value: unknown) => JSON.stringify(value ?? null),
  toPrettyJson: (value: unknown) => JSON.stringify(value ?? null, null, 2),
  fromJson: (text: unknown) => JSON.parse(toText(text)),
  fromYaml: (text: unknown) => parseYaml(toText(text)) ?? {},
  indent: (spaces: number, value: unknown) => indentLines(spaces, value),
  nindent: (spaces: number, value: unknown) => `\n${indentLines(spaces, value)}`,
};
